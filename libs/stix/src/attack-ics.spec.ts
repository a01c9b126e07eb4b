// Real-world STIX: MITRE ATT&CK for ICS (1,826 objects, custom x-mitre-* types and properties).
// The hub must accept it as it is (shared/data/README.md).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateBundle } from './bundle.validator.js';
import { unresolvedReferences } from './unresolved-references.js';

const bundle: unknown = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/data/mitre-attack-ics.json'), 'utf8'),
);

describe('MITRE ATT&CK for ICS', () => {
  const report = validateBundle(bundle);

  it('validates with zero errors', () => {
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('only warns about the five data components whose custom x_mitre_data_source_ref is ""', () => {
    // An empty string is not an identifier, so this breaks the `_ref` naming rule; the property
    // is custom (x_mitre_*), so the validator keeps it and warns instead of refusing the bundle.
    expect(report.warnings.map((w) => [w.code, w.pointer])).toEqual(
      [276, 279, 282, 289, 303].map((i) => ['STIX.INVALID_REFERENCE', `/objects/${i}/x_mitre_data_source_ref`]),
    );
  });

  it('resolves every well-formed reference inside the bundle', () => {
    expect(unresolvedReferences(bundle, () => false)).toEqual([]);
  });
});
