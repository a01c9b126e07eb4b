import { TLP2_MARKING_IDS } from '@isac/stix';
import { collectionsFor, type NetworkView } from './collections.js';
import { decideOutcome, detailOf } from './envelope-outcome.js';

const network: NetworkView = { centreId: 'c', sectors: [{ sector: 'energy', orgIds: ['e'], unitName: 'Energy' }], allOrgIds: ['c', 'e'] };
const [publicCollection, , energy] = collectionsFor(network, { orgId: 'e', kind: 'sector-unit', sector: 'energy', mayPublish: true });

const obj = (n: number, tlp?: keyof typeof TLP2_MARKING_IDS) => ({
  type: 'malware',
  id: `malware--00000000-0000-4000-8000-00000000000${n}`,
  modified: '2026-01-01T00:00:00.000Z',
  ...(tlp ? { object_marking_refs: [TLP2_MARKING_IDS[tlp]] } : {}),
});

describe('what becomes of each posted object (§5.4, DESIGN §2)', () => {
  it('status details carry id and version', () => {
    expect(detailOf(obj(1))).toEqual({ id: obj(1).id, version: '2026-01-01T00:00:00.000Z' });
    expect(detailOf('nonsense')).toEqual({ id: '', version: '' });
  });

  it('validator problems fail their own object only, with the pointer', () => {
    const out = decideOutcome([obj(1, 'TLP:GREEN'), obj(2, 'TLP:GREEN')], [{ code: 'STIX.X', message: 'bad', index: 1, pointer: '/objects/1/name' }], energy);
    expect(out.accepted.map((a) => a.detail.id)).toEqual([obj(1).id]);
    expect(out.failures).toEqual([{ id: obj(2).id, version: '2026-01-01T00:00:00.000Z', message: 'STIX.X at /objects/1/name: bad' }]);
  });

  it('a problem of the whole envelope fails every object', () => {
    const out = decideOutcome([obj(1, 'TLP:GREEN')], [{ code: 'STIX.BUNDLE', message: 'broken', pointer: '' }], energy);
    expect(out.accepted).toEqual([]);
    expect(out.failures).toHaveLength(1);
  });

  it("unmarked objects take the collection's default marking; the public collection takes TLP:CLEAR only; the TLP policy refuses RED to a whole sector", () => {
    const out = decideOutcome([obj(1), obj(2, 'TLP:RED'), obj(3, 'TLP:AMBER')], [], energy);
    expect(out.accepted.map((a) => [a.tlp, a.detail.message])).toEqual([
      ['TLP:AMBER', expect.stringMatching(/default marking TLP:AMBER/)],
      ['TLP:AMBER', undefined],
    ]);
    expect(out.failures.map((f) => f.message)).toEqual([expect.stringMatching(/named organisations/)]);
    const pub = decideOutcome([obj(1, 'TLP:GREEN'), obj(2, 'TLP:CLEAR')], [], publicCollection);
    expect(pub.accepted.map((a) => a.tlp)).toEqual(['TLP:CLEAR']);
    expect(pub.failures[0].message).toMatch(/TLP:CLEAR objects only/);
  });
});
