import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NetworkDefinitionError, parseNetworkDefinition, SECTORS } from './network-definition.js';

const shipped = readFileSync(path.resolve(process.cwd(), 'config/network.yaml'), 'utf8');

describe('parseNetworkDefinition', () => {
  it('reads the shipped network: the centre, six sector units, members under their unit', () => {
    const orgs = parseNetworkDefinition(shipped);
    expect(orgs[0]).toMatchObject({ slug: 'centre', kind: 'centre', parent: null });
    const units = orgs.filter((o) => o.kind === 'sector-unit');
    expect(units.map((u) => u.slug)).toEqual([...SECTORS]);
    for (const unit of units) expect(unit).toMatchObject({ sector: unit.slug, parent: 'centre' });
    const members = orgs.filter((o) => o.kind === 'member');
    for (const sector of SECTORS) expect(members.filter((m) => m.sector === sector).length).toBeGreaterThanOrEqual(2);
    for (const member of members) expect(member.parent).toBe(member.sector);
    // parents come before their children, so a seed can insert in order
    const index = new Map(orgs.map((o, i) => [o.slug, i]));
    for (const org of orgs) if (org.parent) expect(index.get(org.parent)!).toBeLessThan(index.get(org.slug)!);
  });

  it('names every problem with its place', () => {
    const text = `
centre: { name: Centre }
sectors:
  telecom: { name: T, members: [{ slug: "Bad Slug", name: x }] }
  energy: { name: E }
  shipping: { name: S }
  transport: { name: Tr }
  health: { name: H, members: [{ slug: energy, name: dup }] }
  mining: { name: M }
`;
    let error: unknown;
    try {
      parseNetworkDefinition(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetworkDefinitionError);
    const message = (error as Error).message;
    expect(message).toContain('/sectors/telecom/members/0/slug');
    expect(message).toContain('/sectors/finance/name');
    expect(message).toContain('/sectors/mining is not one of');
    expect(message).toContain('slug "energy" is used twice');
  });

  it('refuses a document without a centre', () => {
    expect(() => parseNetworkDefinition('sectors: {}')).toThrow('/centre/name');
  });
});
