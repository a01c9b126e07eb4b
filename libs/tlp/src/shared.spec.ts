import { sharedMarking, sharedReach } from './shared.js';

describe('an object several items share (register software and suppliers)', () => {
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
  });
});
