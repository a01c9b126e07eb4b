import { collectionId, collectionsFor, findCollection, type NetworkView } from './collections.js';

const network: NetworkView = {
  centreId: 'c',
  sectors: [
    { sector: 'energy', orgIds: ['e', 'e1'], unitName: 'Energy CSIRT' },
    { sector: 'health', orgIds: ['h'], unitName: 'Health CSIRT' },
  ],
  allOrgIds: ['c', 'e', 'e1', 'h'],
};

describe('collections (§5.1, §5.2)', () => {
  it('ids are stable version-5 UUIDs', () => {
    expect(collectionId('public')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(collectionId('public')).toBe(collectionId('public'));
    expect(collectionId('public')).not.toBe(collectionId('alerts'));
  });

  it('without credentials only the public collection, read-only', () => {
    const list = collectionsFor(network, null);
    expect(list.map((c) => [c.alias, c.canRead, c.canWrite])).toEqual([['public', true, false]]);
  });

  it('a member reads and writes its own sector only', () => {
    const list = collectionsFor(network, { orgId: 'e1', kind: 'member', sector: 'energy', mayPublish: true });
    expect(list.map((c) => [c.alias, c.canRead, c.canWrite])).toEqual([
      ['public', true, true],
      ['alerts', true, false],
      ['energy', true, true],
      ['health', false, false],
      ['incidents', true, false],
      // issue 19: exercises' objects, read-only, and in no other collection
      ['exercise', true, false],
    ]);
  });

  it('the centre reads every sector and writes alerts; writing needs the publishing role', () => {
    const centre = collectionsFor(network, { orgId: 'c', kind: 'centre', sector: null, mayPublish: true });
    expect(centre.filter((c) => c.canWrite).map((c) => c.alias)).toEqual(['public', 'alerts', 'energy', 'health']);
    const reader = collectionsFor(network, { orgId: 'c', kind: 'centre', sector: null, mayPublish: false });
    expect(reader.filter((c) => c.canWrite)).toEqual([]);
  });

  it('finds by id or alias', () => {
    const list = collectionsFor(network, null);
    expect(findCollection(list, collectionId('public'))?.alias).toBe('public');
    expect(findCollection(list, 'public')?.alias).toBe('public');
    expect(findCollection(list, 'nope')).toBeUndefined();
  });
});
