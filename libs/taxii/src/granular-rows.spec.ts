import { TLP2_MARKING_IDS } from '@isac/stix';
import type { Network, NetworkOrg } from '@isac/tlp';
import { rowsAsSeenBy } from './granular-rows.js';
import type { StoredRow } from './paging.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };
const RED = TLP2_MARKING_IDS['TLP:RED'];
const tool = {
  type: 'tool', spec_version: '2.1', id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  name: 'remote access', description: 'vendor account', object_marking_refs: [TLP2_MARKING_IDS['TLP:CLEAR']],
};
const row = (object: object | string | undefined): StoredRow => ({
  stixId: tool.id, version: tool.modified, dateAdded: '2026-01-01T00:00:00.000000Z', dateAddedKey: '2026-01-01T00:00:00.000000Z',
  tlp: 'TLP:CLEAR', authorOrgId: 'energy', recipientOrgIds: ['centre'],
  ...(object === undefined ? {} : { objectJson: typeof object === 'string' ? object : JSON.stringify(object) }),
});

describe('rowsAsSeenBy: TAXII rows through their granular markings', () => {
  const asHealth = rowsAsSeenBy({ orgId: 'health' }, network);

  it('leaves rows without granular markings as they are, unparsed (the hot path)', () => {
    const plain = row('{"type":"tool", not even parsed');
    expect(asHealth(plain)).toBe(plain);
    const keysOnly = row(undefined);
    expect(asHealth(keysOnly)).toBe(keysOnly);
  });

  it('serves the reduced text when parts are withheld, the row itself when none are', () => {
    const marked = row({ ...tool, granular_markings: [{ marking_ref: RED, selectors: ['description'] }] });
    const { description: _d, ...bare } = tool;
    expect(JSON.parse(asHealth(marked)!.objectJson!)).toEqual(bare);
    expect(rowsAsSeenBy({ orgId: 'centre' }, network)(marked)).toBe(marked);
  });

  it('withholds the row when a required property is withheld', () => {
    expect(asHealth(row({ ...tool, granular_markings: [{ marking_ref: RED, selectors: ['name'] }] }))).toBeUndefined();
    expect(rowsAsSeenBy(null, network)(row({ ...tool, granular_markings: [{ marking_ref: RED, selectors: ['name'] }] }))).toBeUndefined();
  });
});
