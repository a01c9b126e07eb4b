import { postIncidentReportHtml } from './post-incident-report-html.js';
import type { ReportInput } from './post-incident-report.js';

const at = (m: number) => new Date(Date.parse('2026-03-01T08:00:00Z') + m * 60_000);
const hostile = '<script>alert(1)</script><img src=x onerror="y">';

const input: ReportInput = {
  title: `Wiper ${hostile}`,
  tlp: 'TLP:RED',
  declaredAt: at(0),
  closedAt: at(180),
  sectors: ['energy'],
  timeline: [{ at: at(0), by: 'centre', text: `Major incident declared: ${hostile}` }],
  sitreps: [{ at: at(50), by: 'centre', tlp: 'TLP:RED', text: `Line one\n${hostile}` }],
  missedSitreps: [at(30)],
  statusChanges: [{ at: at(40), by: 'energy', sector: 'energy', text: `degraded — ${hostile}` }],
  board: [{ sector: 'energy', state: 'degraded', note: hostile, updatedAt: at(40), changes: 1 }],
  decisions: [{ at: at(60), by: 'centre', text: hostile }],
  tasks: [{ at: at(61), by: 'centre', owner: 'energy', due: null, text: hostile }],
  acknowledgements: [{ sector: 'energy', unit: 'energy', ackedAt: at(7), minutes: 7 }],
  linkedCases: [{ id: 'c1', name: hostile }],
  exercise: false,
};

describe('postIncidentReportHtml', () => {
  const html = postIncidentReportHtml(input);
  it('carries the TLP label in its title, header and footer, in FIRST colours', () => {
    expect(html).toContain('<title>TLP:RED Post-incident report: Wiper &lt;script&gt;');
    expect(html.match(/<span class="tlp" style="color:#FF2B2B;background-color:#000000">TLP:RED<\/span>/g)).toHaveLength(2);
    expect(html).toMatch(/<header class="tlp-banner"><span class="tlp"/);
    expect(html).toMatch(/<footer class="tlp-banner"><span class="tlp"/);
  });
  it('escapes everything a participant typed: no tag, no attribute of theirs survives', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror="/);
    expect(html).toContain('&lt;img src=x onerror=&quot;y&quot;&gt;');
    // nine places hold the hostile text: the title twice, linked case, timeline, sitrep, status, board note, decision, task
    expect(html.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1).toBe(9);
  });
  it('holds the same parts as the Markdown', () => {
    for (const part of ['Time to acknowledge', 'Sector status', 'Timeline', 'Situation reports', 'Status changes', 'Decisions', 'Tasks']) expect(html).toContain(`<h2>${part}</h2>`);
    expect(html).toContain('<p>Missed sitreps (due, none sent): 2026-03-01T08:30:00Z</p>');
    expect(html).toContain('<blockquote>Line one<br>&lt;script&gt;');
    expect(html).toContain('<tr><td>energy</td><td>energy</td><td>2026-03-01T08:07:00Z</td><td>7</td></tr>');
  });
  it("marks an exercise's report in its title, heading and a note at its head and foot; a real one carries no mark", () => {
    expect(html).not.toContain('EXERCISE');
    const drill = postIncidentReportHtml({ ...input, exercise: true });
    expect(drill).toContain('<title>TLP:RED EXERCISE — Post-incident report: Wiper');
    expect(drill).toContain('<h1>EXERCISE — Post-incident report: Wiper');
    expect(drill.match(/<p class="exercise" role="note">EXERCISE — not a real major incident/g)).toHaveLength(2);
  });
});
