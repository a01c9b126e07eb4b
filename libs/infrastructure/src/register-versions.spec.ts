import { markingRefFor } from '@isac/stix';
import { marked, nextVersion, revokedVersion, sameReach, sharedMarking, sharedReach, type HeldVersion } from './register-versions.js';

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

  it('entries addressed differently share an object under the strictest marking, to the recipients all of them name', () => {
    const unitA = 'a0000000-0000-4000-8000-000000000001';
    const unitB = 'b0000000-0000-4000-8000-000000000002';
    const centre = 'c0000000-0000-4000-8000-000000000003';
    // alike: the least strict, to their recipients
    expect(
      sharedReach([
        { tlp: 'TLP:AMBER+STRICT', recipientOrgIds: [centre, unitA] },
        { tlp: 'TLP:AMBER', recipientOrgIds: [unitA, centre] },
      ]),
    ).toEqual({
      tlp: 'TLP:AMBER',
      recipientOrgIds: [unitA, centre].sort(),
    });
    // an organisation moved from unit A's sector to unit B's: its old AMBER+STRICT entry still goes to A, its new AMBER one to B;
    // the union (AMBER to centre, A and B) would show A's members the supplier of an entry none of them may read
    expect(
      sharedReach([
        { tlp: 'TLP:AMBER+STRICT', recipientOrgIds: [centre, unitA] },
        { tlp: 'TLP:AMBER', recipientOrgIds: [centre, unitB] },
      ]),
    ).toEqual({
      tlp: 'TLP:AMBER+STRICT',
      recipientOrgIds: [centre],
    });
    expect(sharedReach([])).toBeUndefined();
  });

  it('marks what entries share with the least strict of their markings; nothing when no entry names it', () => {
    expect(sharedMarking(['TLP:RED', 'TLP:GREEN', 'TLP:AMBER'])).toBe('TLP:GREEN');
    expect(sharedMarking(['TLP:AMBER+STRICT', 'TLP:RED'])).toBe('TLP:AMBER+STRICT');
    expect(sharedMarking([])).toBeUndefined();
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
