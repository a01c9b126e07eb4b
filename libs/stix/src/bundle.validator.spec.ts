import { validateBundle } from './bundle.validator.js';
import { validateObject } from './object.validator.js';
import { IDS, objectById, validBundle, validObjects } from './testing/stix-fixtures.js';

describe('validateBundle', () => {
  it('accepts a bundle with one of every STIX 2.1 object type, without warnings', () => {
    const bundle = validBundle();
    const types = new Set(bundle.objects.map((o) => o['type']));
    expect(types.size).toBe(19 + 2 + 18 + 3);
    expect(validateBundle(bundle)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('never modifies its input', () => {
    const bundle = validBundle();
    objectById(bundle, IDS.tool)['x_vendor_score'] = { nested: [1, 2] };
    const before = JSON.stringify(bundle);
    validateBundle(bundle);
    expect(JSON.stringify(bundle)).toBe(before);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'bundle'],
    ['a number', 7],
  ])('refuses %s as a bundle', (_, input) => {
    expect(validateBundle(input)).toEqual({
      valid: false,
      errors: [expect.objectContaining({ code: 'STIX.NOT_AN_OBJECT', pointer: '' })],
      warnings: [],
    });
  });

  it('checks the bundle shape: type, id and objects', () => {
    const report = validateBundle({ type: 'bundel', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', objects: {} });
    expect(report.errors).toEqual([
      expect.objectContaining({ code: 'STIX.INVALID_VALUE', pointer: '/type' }),
      expect.objectContaining({ code: 'STIX.ID_TYPE_MISMATCH', pointer: '/id' }),
      expect.objectContaining({ code: 'STIX.INVALID_PROPERTY_TYPE', pointer: '/objects' }),
    ]);
  });

  it('requires type, id and objects', () => {
    expect(validateBundle({}).errors.map((e) => [e.code, e.pointer])).toEqual([
      ['STIX.REQUIRED_PROPERTY', '/type'],
      ['STIX.REQUIRED_PROPERTY', '/id'],
      ['STIX.REQUIRED_PROPERTY', '/objects'],
    ]);
  });

  it('flags a malformed bundle id, an empty objects list and a 2.0-style spec_version', () => {
    const report = validateBundle({ type: 'bundle', id: 'bundle--xyz', spec_version: '2.0', objects: [] });
    expect(report.errors.map((e) => e.code)).toEqual(['STIX.INVALID_ID', 'STIX.EMPTY_LIST']);
    expect(report.warnings.map((w) => [w.code, w.pointer])).toEqual([['STIX.DEPRECATED', '/spec_version']]);
  });

  it('reports every problem of every object at once, with index, id and pointer', () => {
    const bundle = validBundle();
    delete objectById(bundle, IDS.indicator)['pattern_type'];
    objectById(bundle, IDS.indicator)['valid_from'] = '2024-13-01T00:00:00Z';
    objectById(bundle, IDS.relationship)['source_ref'] = 'nonsense';
    const report = validateBundle(bundle);
    const indicatorAt = bundle.objects.findIndex((o) => o['id'] === IDS.indicator);
    const relationshipAt = bundle.objects.findIndex((o) => o['id'] === IDS.relationship);
    expect(report.errors).toEqual([
      { code: 'STIX.REQUIRED_PROPERTY', message: expect.any(String), index: indicatorAt, id: IDS.indicator, pointer: `/objects/${indicatorAt}/pattern_type` },
      { code: 'STIX.INVALID_TIMESTAMP', message: expect.any(String), index: indicatorAt, id: IDS.indicator, pointer: `/objects/${indicatorAt}/valid_from` },
      { code: 'STIX.INVALID_REFERENCE', message: expect.any(String), index: relationshipAt, id: IDS.relationship, pointer: `/objects/${relationshipAt}/source_ref` },
    ]);
  });

  it('escapes JSON pointer tokens (RFC 6901)', () => {
    const bundle = validBundle();
    objectById(bundle, IDS.url)['extensions'] = { 'x-a/b~c': 1 };
    const at = bundle.objects.findIndex((o) => o['id'] === IDS.url);
    expect(validateBundle(bundle).errors).toContainEqual(
      expect.objectContaining({ code: 'STIX.INVALID_EXTENSION', pointer: `/objects/${at}/extensions/x-a~1b~0c` }),
    );
  });
});

describe('validateObject', () => {
  it('uses pointers relative to the object without an index', () => {
    const tool = validObjects().find((o) => o['type'] === 'tool')!;
    expect(validateObject({ ...tool, created: 'yesterday' }).errors).toEqual([
      { code: 'STIX.INVALID_TIMESTAMP', message: expect.any(String), id: IDS.tool, pointer: '/created' },
    ]);
  });

  it('prefixes pointers with /objects/<index> when given an index', () => {
    expect(validateObject({ type: 'url', id: 'url--c1477287-23ac-5971-a010-5c287877fa60' }, 4).errors).toEqual([
      { code: 'STIX.REQUIRED_PROPERTY', message: expect.any(String), index: 4, id: 'url--c1477287-23ac-5971-a010-5c287877fa60', pointer: '/objects/4/value' },
    ]);
  });

  it('keeps x- custom objects and custom properties as given', () => {
    const custom = {
      type: 'x-mitre-tactic',
      spec_version: '2.1',
      id: 'x-mitre-tactic--2f4a7d5c-0c9b-4c1a-8f1e-3d2b1a0c9e8f',
      created: '2020-01-01T00:00:00.000Z',
      modified: '2020-01-01T00:00:00.000Z',
      x_mitre_shortname: 'inhibit-response-function',
      x_mitre_owner_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
    };
    expect(validateObject(custom)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('accepts types declared by an extension definition (Incident Core suite objects)', () => {
    const task = {
      type: 'task',
      spec_version: '2.1',
      id: 'task--8824b710-60eb-4e00-9e1e-e1b4a40c9a62',
      created: '2023-05-02T20:00:00.0002Z',
      modified: '2023-05-02T20:00:00.0002Z',
      name: 'Negotiated ransom payment',
      extensions: { 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030': { extension_type: 'new-sdo' } },
    };
    expect(validateObject(task)).toEqual({ valid: true, errors: [], warnings: [] });
    const { created: _created, ...withoutCreated } = task;
    expect(validateObject(withoutCreated).errors).toContainEqual(
      expect.objectContaining({ code: 'STIX.REQUIRED_PROPERTY', pointer: '/created' }),
    );
  });

  it('warns (and only warns) about a bad _ref inside a custom property', () => {
    const tool = validObjects().find((o) => o['type'] === 'tool')!;
    const report = validateObject({ ...tool, x_source_ref: '' });
    expect(report.valid).toBe(true);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'STIX.INVALID_REFERENCE', pointer: '/x_source_ref' })]);
  });

  it('accepts sub-millisecond timestamps and orders them exactly', () => {
    const tool = validObjects().find((o) => o['type'] === 'tool')!;
    const ok = { ...tool, created: '2024-03-01T08:00:00.0001Z', modified: '2024-03-01T08:00:00.00011Z' };
    expect(validateObject(ok).valid).toBe(true);
    const bad = { ...tool, created: '2024-03-01T08:00:00.00011Z', modified: '2024-03-01T08:00:00.0001Z' };
    expect(validateObject(bad).errors.map((e) => e.code)).toEqual(['STIX.TIMESTAMP_ORDER']);
  });
});
