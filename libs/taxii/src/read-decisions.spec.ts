import fc from 'fast-check';
import { canRead, parseTlpLabel, type Network, type NetworkOrg } from '@isac/tlp';
import { readDecisions } from './read-decisions.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'litware', slug: 'litware', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
];
const byId = new Map(orgs.map((o) => [o.id, o]));
const counted = () => {
  const calls = { n: 0 };
  const network: Network = {
    org: (id) => {
      calls.n += 1;
      return byId.get(id);
    },
  };
  return { network, calls };
};
const ids = [...byId.keys(), 'outsider'];
const fields = fc.record({
  tlp: fc.constantFrom(null, 'TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED', 'tlp:amber', 'TLP:WHITE'),
  authorOrgId: fc.constantFrom(...ids),
  recipientOrgIds: fc.subarray(ids),
});

describe('read decisions (canRead asked once per marking, author and recipients)', () => {
  it('answers exactly what canRead answers, for stix items and incident cases, whoever reads', () => {
    fc.assert(
      fc.property(fc.constantFrom(null, ...ids), fc.constantFrom('stix' as const, 'incident' as const), fc.array(fields, { maxLength: 40 }), (readerId, kind, rows) => {
        const reader = readerId === null ? null : { orgId: readerId };
        const { network } = counted();
        const decide = readDecisions(reader, network, kind);
        for (const row of rows) {
          const item = { tlp: row.tlp === null ? undefined : parseTlpLabel(row.tlp), authorOrgId: row.authorOrgId, recipientOrgIds: row.recipientOrgIds, kind };
          expect(decide(row)).toEqual(canRead(item, reader, network));
        }
      }),
    );
  });

  it('rows sharing a recipients list and a marking and author are decided once', () => {
    const { network, calls } = counted();
    const decide = readDecisions({ orgId: 'litware' }, network);
    const recipients = ['energy'];
    const rows = Array.from({ length: 1000 }, (_, i) => ({ tlp: i % 2 === 0 ? 'TLP:AMBER' : 'TLP:RED', authorOrgId: 'health', recipientOrgIds: recipients }));
    const allowed = rows.filter((r) => decide(r).allowed);
    expect(allowed).toHaveLength(500);
    expect(allowed.every((r) => r.tlp === 'TLP:AMBER')).toBe(true);
    // canRead looks the reader up (and for AMBER its parent), once per decision: two decisions here
    expect(calls.n).toBeLessThanOrEqual(4);
  });

  it('a list equal to another but a different instance is decided on its own, with the same answer', () => {
    const { network, calls } = counted();
    const decide = readDecisions({ orgId: 'energy' }, network);
    const list = ['energy'];
    const a = decide({ tlp: 'TLP:RED', authorOrgId: 'health', recipientOrgIds: list });
    const afterFirst = calls.n;
    // the same instance again: remembered, canRead is not asked
    expect(decide({ tlp: 'TLP:RED', authorOrgId: 'health', recipientOrgIds: list }).allowed).toBe(true);
    expect(calls.n).toBe(afterFirst);
    // an equal list of another instance: asked again
    const b = decide({ tlp: 'TLP:RED', authorOrgId: 'health', recipientOrgIds: ['energy'] });
    expect(calls.n).toBeGreaterThan(afterFirst);
    const other = decide({ tlp: 'TLP:RED', authorOrgId: 'health', recipientOrgIds: ['centre'] });
    expect([a.allowed, b.allowed, other.allowed]).toEqual([true, true, false]);
  });
});
