import { markingRefFor } from '@isac/stix';
import { marked, nextVersion, revokedVersion, sameReach, type HeldVersion } from './register-versions.js';

const held = (version: string, over: Partial<HeldVersion> = {}): HeldVersion => ({
  version,
  revoked: false,
  tlp: 'TLP:AMBER',
  recipientOrgIds: ['a', 'b'],
  object: { type: 'relationship', id: 'relationship--1', created: '2026-01-01T00:00:00.000Z', modified: version },
  ...over,
});

describe("a register's versions in the STIX store", () => {
  it('dates a new version at the change, but always after every version held (two changes in one millisecond)', () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    expect(nextVersion(at, [])).toBe('2026-03-01T10:00:00.000Z');
    expect(nextVersion(at, [held('2026-02-01T00:00:00.000Z'), undefined])).toBe('2026-03-01T10:00:00.000Z');
    expect(nextVersion(at, [held('2026-03-01T10:00:00.000Z')])).toBe('2026-03-01T10:00:00.001Z');
    expect(nextVersion(at, [held('2026-03-01T10:00:00.000Z'), held('2026-03-01T10:00:05.000Z')])).toBe('2026-03-01T10:00:05.001Z');
    // an unversioned observable ('') does not count
    expect(nextVersion(at, [held('')])).toBe('2026-03-01T10:00:00.000Z');
  });

  it('revokes a held object as it was (STIX 2.1 §3.6.2)', () => {
    expect(revokedVersion(held('2026-02-01T00:00:00.000Z'), '2026-03-01T00:00:00.000Z')).toEqual({
      type: 'relationship',
      id: 'relationship--1',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-03-01T00:00:00.000Z',
      revoked: true,
    });
  });

  it('marks an object with one marking', () => {
    expect(marked({ id: 'software--1', object_marking_refs: ['x'] }, 'TLP:RED')).toEqual({
      id: 'software--1',
      object_marking_refs: [markingRefFor('TLP:RED')],
    });
  });

  it('re-marks a shared object only when its marking or readers change', () => {
    expect(sameReach(held('x'), 'TLP:AMBER', ['b', 'a'])).toBe(true);
    expect(sameReach(held('x'), 'TLP:GREEN', ['a', 'b'])).toBe(false);
    expect(sameReach(held('x'), 'TLP:AMBER', ['a'])).toBe(false);
  });
});
