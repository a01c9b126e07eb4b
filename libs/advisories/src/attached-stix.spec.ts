import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from '@isac/stix';
import { markingsStricterThan } from './attached-stix.js';

const object = (n: number, refs?: string[], granular?: string[]) => ({
  type: 'indicator',
  id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
  ...(refs ? { object_marking_refs: refs } : {}),
  ...(granular ? { granular_markings: granular.map((marking_ref) => ({ marking_ref, selectors: ['name'] })) } : {}),
});

describe('STIX attached to an advisory', () => {
  it('names each object marked stricter than the advisory, as a whole or in a part', () => {
    const objects = [
      object(0, [TLP2_MARKING_IDS['TLP:GREEN']]),
      object(1, [TLP2_MARKING_IDS['TLP:RED']]),
      object(2),
      object(3, [TLP1_MARKING_IDS.amber]),
      object(4, [TLP2_MARKING_IDS['TLP:CLEAR']], [TLP2_MARKING_IDS['TLP:GREEN'], TLP2_MARKING_IDS['TLP:AMBER+STRICT']]),
    ];
    expect(markingsStricterThan(objects, 'TLP:GREEN').map((p) => p.pointer)).toEqual(['/stix/1', '/stix/3', '/stix/4/granular_markings/1']);
    expect(markingsStricterThan(objects, 'TLP:RED')).toEqual([]);
  });

  it('takes the strictest of several TLP refs, and ignores other markings', () => {
    expect(markingsStricterThan([object(0, [TLP2_MARKING_IDS['TLP:CLEAR'], TLP2_MARKING_IDS['TLP:AMBER']])], 'TLP:GREEN')).toHaveLength(1);
    expect(markingsStricterThan([object(0, ['marking-definition--0c3b5c1e-7c54-4b40-9d2b-7a5d8f1e2a3b'])], 'TLP:CLEAR')).toEqual([]);
  });
});
