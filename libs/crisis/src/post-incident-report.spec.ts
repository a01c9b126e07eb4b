import { postIncidentReport, type ReportInput } from './post-incident-report.js';

const at = (m: number) => new Date(Date.parse('2026-03-01T08:00:00Z') + m * 60_000);

const input: ReportInput = {
  title: 'Ransomware | grid',
  tlp: 'TLP:AMBER+STRICT',
  declaredAt: at(0),
  closedAt: at(180),
  sectors: ['energy', 'health'],
  timeline: [{ at: at(0), by: 'centre', text: 'Major incident declared' }],
  sitreps: [{ at: at(50), by: 'centre', tlp: 'TLP:RED', text: 'Line one\nline two' }],
  missedSitreps: [at(30)],
  statusChanges: [{ at: at(40), by: 'energy', sector: 'energy', text: 'degraded — manual operation' }],
  board: [{ sector: 'energy', state: 'recovered', note: 'back', updatedAt: at(170), changes: 2 }, { sector: 'health', state: 'not-reported', note: null, updatedAt: null, changes: 0 }],
  decisions: [{ at: at(60), by: 'centre', text: 'Isolate the HMI network' }],
  tasks: [{ at: at(61), by: 'centre', owner: 'energy', due: at(120), text: 'Collect logs' }],
  acknowledgements: [{ sector: 'energy', unit: 'energy', ackedAt: at(7), minutes: 7 }, { sector: 'health', unit: 'health', ackedAt: null, minutes: null }],
  linkedCases: [],
  exercise: false,
};

describe('postIncidentReport', () => {
  const md = postIncidentReport(input);
  it('opens and closes with the TLP label', () => {
    expect(md.startsWith('**TLP:AMBER+STRICT**')).toBe(true);
    expect(md.trimEnd().endsWith('**TLP:AMBER+STRICT**')).toBe(true);
  });
  it('holds every part: times to acknowledge, board, sitreps (missed ones flagged), status changes, decisions, tasks', () => {
    expect(md).toContain('# Post-incident report: Ransomware \\| grid');
    expect(md).toContain('| energy | energy | 2026-03-01T08:07:00Z | 7 |');
    expect(md).toContain('| health | health | not acknowledged | — |');
    expect(md).toContain('| energy | recovered | back | 2026-03-01T10:50:00Z |');
    expect(md).toContain('Missed sitreps (due, none sent): 2026-03-01T08:30:00Z');
    expect(md).toContain('### 2026-03-01T08:50:00Z (TLP:RED)\n\n> Line one\n> line two');
    expect(md).toContain('- 2026-03-01T08:40:00Z — energy: degraded — manual operation');
    expect(md).toContain('- 2026-03-01T09:00:00Z — centre: Isolate the HMI network');
    expect(md).toContain('| Collect logs | energy | 2026-03-01T10:00:00Z | centre, 2026-03-01T09:01:00Z |');
    expect(md).toContain('- Stood down: 2026-03-01T11:00:00Z');
  });
  it('says nothing of exercises in a real report', () => {
    expect(md).not.toContain('EXERCISE');
  });
  it("marks an exercise's report at its head, title and foot, the TLP label still first and last", () => {
    const drill = postIncidentReport({ ...input, exercise: true });
    expect(drill.startsWith('**TLP:AMBER+STRICT**\n\n**EXERCISE — not a real major incident')).toBe(true);
    expect(drill).toContain('# EXERCISE — Post-incident report: Ransomware \\| grid');
    expect(drill.trimEnd()).toMatch(/\*\*EXERCISE — not a real major incident[^\n]*\*\*\n\n\*\*TLP:AMBER\+STRICT\*\*$/);
  });
});
