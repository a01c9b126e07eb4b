import { REPORT_STAGES } from '@isac/incidents';
import {
  caseDetail,
  caseTable,
  clockName,
  filedLines,
  messageLines,
  nextDeadlineText,
  type CaseView,
  type DeadlineView,
  type FiledCase,
} from './incident-format.js';

const now = new Date('2026-11-24T06:01:00.000Z');
const energy = { organisation: { slug: 'energy', kind: 'sector-unit' } };
const centre = { organisation: { slug: 'centre', kind: 'centre' } };
const health = { organisation: { slug: 'health', kind: 'sector-unit' } };

function filed(report: FiledCase['report']): FiledCase {
  const due = (clock: string, at: string) => ({ clock, owner: 'reporter', due: at, submittedAt: null, overdue: false, late: false, dueSoon: false });
  return {
    id: '5dab401f-0000-4000-8000-000000000000',
    name: 'Ransomware on substation HMI',
    tlp: 'TLP:AMBER',
    reporter: 'energy',
    stage: 'early-warning',
    severity: 'high',
    nextDeadline: due('notification', '2026-11-27T06:00:00.000Z'),
    deadlines: [due('notification', '2026-11-27T06:00:00.000Z')],
    report,
  } as unknown as FiledCase;
}

describe('filedLines', () => {
  it('says a case was opened, or updated by a follow-up that stored something', () => {
    const opened = filedLines(filed({ stage: 'early-warning', stored: 2, missing: [] }), energy, true, false, now);
    expect(opened[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 opened: Ransomware on substation HMI');
    const updated = filedLines(filed({ stage: 'notification', stored: 1, missing: [] }), energy, false, false, now);
    expect(updated[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 updated: Ransomware on substation HMI');
  });

  it('says nothing changed when the same version was sent again (README: "The same version sent twice changes nothing")', () => {
    const lines = filedLines(filed({ stage: 'early-warning', stored: 0, unchanged: 2, missing: [] }), energy, false, false, now);
    expect(lines[0]).toBe('case 5dab401f-0000-4000-8000-000000000000 unchanged (this version was filed already): Ransomware on substation HMI');
    expect(lines[1]).toBe('  TLP:AMBER  stage early-warning  severity high  next deadline Incident notification in 2d 23h');
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

describe("the caller's own next deadline (rough edge 5)", () => {
  const deadline = (clock: string, owner: 'reporter' | 'centre', due: string, submittedAt: string | null = null): DeadlineView => ({
    clock,
    owner,
    due,
    submittedAt,
    overdue: false,
    late: false,
    dueSoon: false,
  });
  // an early warning filed an hour after awareness: the centre's 24 h feedback clock is the case's earliest
  const feedback = deadline('centre-feedback', 'centre', '2026-11-25T05:01:00.000Z');
  const notification = deadline('notification', 'reporter', '2026-11-27T05:00:00.000Z');
  const awaiting = {
    id: '5dab401f-0000-4000-8000-000000000000',
    incidentId: 'incident--5dab401f-0000-4000-8000-000000000000',
    incidentVersion: '2026-11-24T05:00:00.000Z',
    name: 'Ransomware on substation HMI',
    reporter: 'energy',
    stage: 'early-warning',
    regime: 'nis2',
    tlp: 'TLP:AMBER',
    severity: 'high',
    affectedSectors: ['energy'],
    awareAt: '2026-11-24T05:00:00.000Z',
    openedAt: '2026-11-24T06:00:00.000Z',
    updatedAt: '2026-11-24T06:00:00.000Z',
    overdue: false,
    nextDeadline: feedback,
    deadlines: [deadline('early-warning', 'reporter', '2026-11-25T05:00:00.000Z', '2026-11-24T06:00:00.000Z'), notification, feedback],
    state: 'open',
    closedAt: null,
    closeReason: null,
    exercise: false,
  } satisfies CaseView;

  it("shows the reporter its 72 h notification first, by name, though the centre's feedback clock is earlier", () => {
    expect(nextDeadlineText(awaiting, energy, now)).toBe('Incident notification in 2d 22h · then Centre feedback in 23h 0m');
    const [, row] = caseTable([awaiting], energy, false, now);
    expect(row).toContain('Incident notification in 2d 22h · then Centre feedback in 23h 0m');
    expect(row).not.toMatch(/centre-feedback|(?<!Incident) notification in/);
  });

  it('shows the centre its feedback clock; a reader who owes nothing the case\'s earliest deadline, by name', () => {
    expect(nextDeadlineText(awaiting, centre, now)).toBe('Centre feedback in 23h 0m');
    expect(nextDeadlineText(awaiting, health, now)).toBe('Centre feedback in 23h 0m');
    const given = { ...feedback, submittedAt: '2026-11-24T07:00:00.000Z' };
    const answered = { ...awaiting, nextDeadline: notification, deadlines: [awaiting.deadlines[0], notification, given] };
    expect(nextDeadlineText(answered, centre, now)).toBe('Incident notification in 2d 22h');
    expect(nextDeadlineText(answered, energy, now)).toBe('Incident notification in 2d 22h');
    expect(nextDeadlineText({ ...answered, nextDeadline: null, deadlines: [] }, energy, now)).toBe('-');
  });

  it('`incident show` names the next deadline and every clock by its stage name', () => {
    const lines = caseDetail(awaiting, energy, false, now);
    expect(lines).toContain('next       Incident notification in 2d 22h · then Centre feedback in 23h 0m');
    const clocks = lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/ {2,}/)[0]);
    expect(clocks).toEqual(['CLOCK', 'Early warning', 'Incident notification', 'Centre feedback']);
  });

  it('names every report stage the hub takes', () => {
    for (const stage of REPORT_STAGES) expect(clockName(stage)).not.toBe(stage);
  });
});
