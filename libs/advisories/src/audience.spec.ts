import type { Network } from '@isac/tlp';
import { inboxRecipients, isTargeted, resolveAudience, withExposed, type AudienceDirectory } from './audience.js';

const orgs = [
  { id: 'c', slug: 'centre', kind: 'centre' },
  { id: 'e', slug: 'energy', kind: 'sector-unit', sector: 'energy' },
  { id: 'e1', slug: 'litware', kind: 'member', sector: 'energy', parentId: 'e' },
  { id: 'h', slug: 'health', kind: 'sector-unit', sector: 'health' },
  { id: 'h1', slug: 'trey-diagnostics', kind: 'member', sector: 'health', parentId: 'h' },
];
const directory: AudienceDirectory = {
  all: () => orgs,
  bySlug: (slug) => orgs.find((o) => o.slug === slug),
  inSector: (sector) => orgs.filter((o) => o.sector === sector),
};
const network: Network = { org: (id) => orgs.find((o) => o.id === id) as ReturnType<Network['org']> };
const sectors = ['energy', 'health'];

describe('resolveAudience', () => {
  it('resolves all, sectors (unit and members) and named organisations without duplicates', () => {
    expect(resolveAudience({ all: true }, directory, sectors)).toEqual({ ok: true, recipientOrgIds: ['c', 'e', 'e1', 'h', 'h1'] });
    expect(resolveAudience({ sectors: ['energy'], organisations: ['health', 'litware'] }, directory, sectors)).toEqual({ ok: true, recipientOrgIds: ['e', 'e1', 'h'] });
  });

  it('reports every unknown sector and organisation with its pointer, and an empty audience', () => {
    expect(resolveAudience({ sectors: ['energy', 'space'], organisations: ['nobody'] }, directory, sectors)).toEqual({
      ok: false,
      problems: [
        { pointer: '/audience/sectors/1', detail: expect.stringContaining('"space"') },
        { pointer: '/audience/organisations/0', detail: expect.stringContaining('"nobody"') },
      ],
    });
    expect(resolveAudience({}, directory, sectors)).toEqual({ ok: false, problems: [{ pointer: '/audience', detail: expect.any(String) }] });
  });
});

describe('inboxRecipients', () => {
  it('leaves out the author and anyone the policy refuses', () => {
    expect(inboxRecipients({ tlp: 'TLP:AMBER', authorOrgId: 'e', recipientOrgIds: ['e', 'h', 'ghost'], kind: 'advisory' }, network)).toEqual(['h']);
    expect(inboxRecipients({ tlp: 'TLP:RED', authorOrgId: 'c', recipientOrgIds: ['h', 'e1'], kind: 'alert' }, network)).toEqual(['h', 'e1']);
  });
});

describe('withExposed (targeted audiences, issue 18)', () => {
  it('adds the exposed organisations and their sector units as a union with the rest of the audience', () => {
    const result = withExposed(['named'], [
      { orgId: 'litware', sectorUnitId: 'energy', nameable: true, matched: [] },
      { orgId: 'named', sectorUnitId: 'health', nameable: true, matched: [] },
    ]);
    expect(result.recipientOrgIds.sort()).toEqual(['energy', 'health', 'litware', 'named']);
    expect(result.exposure).toEqual({ matchedOrganisations: 2, unnamedOrgIds: [] });
  });

  it('counts instead of naming what the author may not read, unless it was addressed otherwise too', () => {
    const result = withExposed(['energy'], [
      { orgId: 'litware', sectorUnitId: 'energy', nameable: false, matched: [] },
      { orgId: 'lamna-hospital', sectorUnitId: 'health', nameable: false, matched: [] },
      { orgId: 'trey-diagnostics', sectorUnitId: 'health', nameable: true, matched: [] },
    ]);
    expect(result.exposure.unnamedOrgIds.sort()).toEqual(['lamna-hospital', 'litware']);
  });

  it("keeps each exposed organisation's matches apart, for it alone (its sector unit gets none of them)", () => {
    const gridControl = { entry: 'Grid control remote access', products: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*'], dependsOn: [] };
    const result = withExposed([], [
      { orgId: 'litware', sectorUnitId: 'energy', nameable: true, matched: [gridControl] },
      { orgId: 'adatum', sectorUnitId: 'energy', nameable: true, matched: [] },
    ]);
    expect(result.matches).toEqual([{ orgId: 'litware', matched: [gridControl] }]);
  });

  it('an audience of products or dependsOn alone is an audience', () => {
    expect(isTargeted({ dependsOn: ['fabrikam'] })).toBe(true);
    expect(isTargeted({ products: [] })).toBe(false);
  });
});
