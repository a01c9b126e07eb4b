import { IDS, objectById, validBundle } from './testing/stix-fixtures.js';
import { TLP1_MARKING_IDS } from './tlp-markings.js';
import { referencesOutsideBundle, unresolvedReferences } from './unresolved-references.js';

const STORED_IDENTITY = 'identity--11111111-1111-4111-8111-111111111111';
const MISSING_MALWARE = 'malware--22222222-2222-4222-8222-222222222222';

describe('unresolvedReferences', () => {
  it('is empty when every reference resolves within the bundle', () => {
    expect(unresolvedReferences(validBundle(), () => false)).toEqual([]);
  });

  it('lists references outside the bundle that the caller does not know, with pointers', () => {
    const bundle = validBundle();
    objectById(bundle, IDS.tool)['created_by_ref'] = STORED_IDENTITY;
    objectById(bundle, IDS.report)['object_refs'] = [IDS.incident, MISSING_MALWARE];
    const known = new Set([STORED_IDENTITY]);
    const toolAt = bundle.objects.findIndex((o) => o['id'] === IDS.tool);
    const reportAt = bundle.objects.findIndex((o) => o['id'] === IDS.report);

    expect(unresolvedReferences(bundle, (id) => known.has(id))).toEqual([
      { ref: MISSING_MALWARE, index: reportAt, id: IDS.report, pointer: `/objects/${reportAt}/object_refs/1` },
    ]);
    // In bundle order: the report comes before the tool.
    expect(unresolvedReferences(bundle)).toEqual([
      { ref: MISSING_MALWARE, index: reportAt, id: IDS.report, pointer: `/objects/${reportAt}/object_refs/1` },
      { ref: STORED_IDENTITY, index: toolAt, id: IDS.tool, pointer: `/objects/${toolAt}/created_by_ref` },
    ]);
    expect(referencesOutsideBundle(bundle)).toEqual([MISSING_MALWARE, STORED_IDENTITY]);
  });

  it('finds references nested in extensions and granular markings, and treats standard TLP ids as known', () => {
    const bundle = validBundle();
    objectById(bundle, IDS.tool)['object_marking_refs'] = [TLP1_MARKING_IDS.amber];
    objectById(bundle, IDS.tool)['granular_markings'] = [{ marking_ref: 'marking-definition--33333333-3333-4333-8333-333333333333', selectors: ['name'] }];
    const refs = unresolvedReferences(bundle).map((u) => u.pointer);
    expect(refs).toEqual([expect.stringMatching(/\/granular_markings\/0\/marking_ref$/)]);
  });

  it('asks the caller once per distinct id and ignores malformed input', () => {
    const bundle = validBundle();
    objectById(bundle, IDS.note)['object_refs'] = [MISSING_MALWARE, MISSING_MALWARE, 'not-an-id'];
    const asked: string[] = [];
    unresolvedReferences(bundle, (id) => (asked.push(id), false));
    expect(asked).toEqual([MISSING_MALWARE]);
    expect(unresolvedReferences(null)).toEqual([]);
    expect(unresolvedReferences({ objects: 'x' })).toEqual([]);
    expect(unresolvedReferences({ objects: [null, 1, { object_refs: 'x' }] })).toEqual([]);
  });
});
