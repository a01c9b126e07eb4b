import { TLP2_MARKING_IDS } from '@isac/stix';
import { conflictsWithStore, isLaterVersion, objectTlp, unsafeKeys, versionInstant, versionOf, withinBundleConflicts } from './versioning.js';

const ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const obj = (modified: string, name = 'x') => ({ type: 'indicator', id: ID, created: '2024-01-01T00:00:00Z', modified, name });

describe('versionOf', () => {
  it('is modified, else created, else empty for SCOs', () => {
    expect(versionOf(obj('2024-01-02T00:00:00Z'))).toBe('2024-01-02T00:00:00Z');
    expect(versionOf({ id: 'marking-definition--x', created: '2017-01-20T00:00:00.000Z' })).toBe('2017-01-20T00:00:00.000Z');
    expect(versionOf({ id: 'ipv4-addr--x', value: '1.2.3.4' })).toBe('');
    expect(versionInstant('')).toBeNull();
  });

  it('orders timestamps of different precision', () => {
    expect(isLaterVersion('2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00Z')).toBe(true);
    expect(isLaterVersion('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('withinBundleConflicts', () => {
  it('accepts identical copies and distinct versions', () => {
    expect(withinBundleConflicts([obj('2024-01-02T00:00:00Z'), obj('2024-01-02T00:00:00Z'), obj('2024-01-03T00:00:00Z', 'y')])).toEqual([]);
  });

  it('refuses the same version with different content, pointing at the second', () => {
    expect(withinBundleConflicts([obj('2024-01-02T00:00:00Z'), obj('2024-01-02T00:00:00Z', 'changed')])).toEqual([
      expect.objectContaining({ code: 'STIX.VERSION_CONFLICT', index: 1, id: ID, pointer: '/objects/1' }),
    ]);
  });
});

describe('conflictsWithStore', () => {
  const stored = (modified: string, extra: Partial<{ revoked: boolean; isCurrent: boolean; name: string }> = {}) => ({
    stixId: ID,
    version: modified,
    revoked: extra.revoked ?? false,
    isCurrent: extra.isCurrent ?? true,
    object: obj(modified, extra.name),
  });

  it('the same version again is a no-op, a newer one is fine', () => {
    expect(conflictsWithStore([obj('2024-01-02T00:00:00Z'), obj('2024-01-05T00:00:00Z')], [stored('2024-01-02T00:00:00Z')])).toEqual([]);
  });

  it('the same version with other content conflicts', () => {
    expect(conflictsWithStore([obj('2024-01-02T00:00:00Z', 'other')], [stored('2024-01-02T00:00:00Z')])).toEqual([
      expect.objectContaining({ code: 'STIX.VERSION_CONFLICT', pointer: '/objects/0/modified' }),
    ]);
  });

  it('the same object without the created_by_ref the hub set is unchanged', () => {
    const held = { ...stored('2024-01-02T00:00:00Z'), object: { ...obj('2024-01-02T00:00:00Z'), created_by_ref: 'identity--x' } };
    expect(conflictsWithStore([obj('2024-01-02T00:00:00Z')], [held])).toEqual([]);
    expect(conflictsWithStore([{ ...obj('2024-01-02T00:00:00Z'), created_by_ref: 'identity--y' }], [held])).toHaveLength(1);
  });

  it('no new version of a revoked object (STIX 2.1 §3.6.2)', () => {
    expect(conflictsWithStore([obj('2024-02-01T00:00:00Z')], [stored('2024-01-02T00:00:00Z', { revoked: true })])).toEqual([
      expect.objectContaining({ code: 'STIX.REVOKED', index: 0 }),
    ]);
  });
});

describe('objectTlp', () => {
  it('is the object\'s own marking, else the submission\'s', () => {
    expect(objectTlp({ object_marking_refs: [TLP2_MARKING_IDS['TLP:RED']] }, 'TLP:GREEN')).toBe('TLP:RED');
    expect(objectTlp({}, 'TLP:AMBER')).toBe('TLP:AMBER');
    expect(objectTlp({}, undefined)).toBeUndefined();
  });
});

describe('unsafeKeys', () => {
  it('finds __proto__, constructor and prototype at any depth', () => {
    const parsed = JSON.parse('{"id":"incident--x","__proto__":{"p":1},"x_a":[{"constructor":{"prototype":1}}]}');
    expect(unsafeKeys([parsed]).map((p) => p.pointer)).toEqual(['/objects/0/__proto__', '/objects/0/x_a/0/constructor', '/objects/0/x_a/0/constructor/prototype']);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});
