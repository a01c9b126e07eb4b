import { filedLines, messageLines, type FiledCase } from './incident-format.js';

const now = new Date('2026-11-24T06:01:00.000Z');

function filed(report: FiledCase['report']): FiledCase {
  const due = (clock: string, at: string) => ({ clock, owner: 'reporter', due: at, submittedAt: null, overdue: false, late: false, dueSoon: false });
  return {
    id: '5dab401f-0000-4000-8000-000000000000',
    name: 'Ransomware on substation HMI',
    tlp: 'TLP:AMBER',
    stage: 'early-warning',
    severity: 'high',
    nextDeadline: due('notification', '2026-11-27T06:00:00.000Z'),
    deadlines: [due('notification', '2026-11-27T06:00:00.000Z')],
    report,
  } as unknown as FiledCase;
}

describe('filedLines', () => {
  it('says a case was opened, or updated by a follow-up that stored something', () => {
    expect(filedLines(filed({ stage: 'early-warning', stored: 2, missing: [] }), true, false, now)[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 opened: Ransomware on substation HMI');
    expect(filedLines(filed({ stage: 'notification', stored: 1, missing: [] }), false, false, now)[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 updated: Ransomware on substation HMI');
  });

  it('says nothing changed when the same version was sent again (README: "The same version sent twice changes nothing")', () => {
    const lines = filedLines(filed({ stage: 'early-warning', stored: 0, unchanged: 2, missing: [] }), false, false, now);
    expect(lines[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 unchanged (this version was filed already): Ransomware on substation HMI');
    expect(lines[1]).toBe('  TLP:AMBER  stage early-warning  severity high  next deadline notification in 2d 23h');
  });
});

describe('messageLines', () => {
  it('each message with its time, TLP, author and kind, its Markdown indented below; none said so', () => {
    const lines = messageLines([{ id: 'm1', kind: 'question', tlp: 'TLP:RED', from: 'centre', body: 'Isolated?\nSince when?', at: '2026-11-24T06:00:00.000Z' }], false);
    expect(lines[0]).toMatch(/TLP:RED {2}centre {2}question$/);
    expect(lines.slice(1)).toEqual(['      Isolated?', '      Since when?']);
    expect(messageLines([], false)).toEqual(['  (no messages)']);
  });
});
