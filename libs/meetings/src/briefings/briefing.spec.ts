import { canRead } from '@isac/tlp';
import { briefingMarkdown, composeBriefing, type BriefingDeadline, type BriefingSource } from './briefing.js';
import { network, NOW } from '../testing/fixtures.js';

const source = (id: string, overrides: Partial<BriefingSource>): BriefingSource => ({
  kind: 'advisory',
  id,
  title: `Item ${id}`,
  tlp: 'TLP:GREEN',
  authorOrgId: 'org-energy',
  authorSlug: 'energy',
  recipientOrgIds: [],
  at: NOW,
  ...overrides,
});

const sources: BriefingSource[] = [
  source('clear', { tlp: 'TLP:CLEAR' }),
  source('green', { tlp: 'TLP:GREEN' }),
  source('amber-energy', { tlp: 'TLP:AMBER', recipientOrgIds: ['org-energy', 'org-centre'] }),
  source('strict-energy', { tlp: 'TLP:AMBER+STRICT', recipientOrgIds: ['org-energy', 'org-centre'] }),
  source('red-health', { tlp: 'TLP:RED', recipientOrgIds: ['org-health'] }),
  source('unmarked', { tlp: undefined, kind: 'incident', recipientOrgIds: ['org-centre', 'org-energy'] }),
];
const deadlines: BriefingDeadline[] = [
  { kind: 'incident', caseId: 'case-1', title: 'Case 1', clock: 'notification', due: new Date(NOW.getTime() + 3600_000), tlp: 'TLP:AMBER', authorOrgId: 'org-energy', authorSlug: 'energy', recipientOrgIds: ['org-centre', 'org-energy'] },
];

describe('composeBriefing: only what the policy lets the reader read', () => {
  it.each([
    ['org-adatum', ['clear', 'green', 'amber-energy'], ['case-1'], 'TLP:AMBER'], // a member reads its unit's AMBER, not AMBER+STRICT
    // health may read energy's RED to it, but the centre publishes the briefing and may not: left out
    ['org-health', ['clear', 'green'], [], 'TLP:GREEN'],
    ['org-centre', ['clear', 'green', 'amber-energy', 'strict-energy', 'unmarked'], ['case-1'], 'TLP:AMBER+STRICT'], // unmarked incident read as AMBER+STRICT
    ['org-telecom', ['clear', 'green'], [], 'TLP:GREEN'],
  ])('%s', (reader, items, due, tlp) => {
    const briefing = composeBriefing({ readerOrgId: reader, publisherOrgId: 'org-centre', network, sources, deadlines, now: NOW });
    expect(briefing.items.map((i) => i.id).sort()).toEqual([...items].sort());
    const readableByBoth = sources.filter((s) => canRead(s, { orgId: reader }, network).allowed && canRead(s, { orgId: 'org-centre' }, network).allowed);
    expect(briefing.items.map((i) => i.id).sort()).toEqual(readableByBoth.map((s) => s.id).sort());
    expect(briefing.deadlines.map((d) => d.caseId)).toEqual(due);
    expect(briefing.tlp).toBe(tlp);
    expect(briefing.reads.map((r) => r.item.id).sort()).toEqual([...items].sort());
  });

  it('the Markdown carries the label first and last and never a withheld title', () => {
    const briefing = composeBriefing({ readerOrgId: 'org-telecom', publisherOrgId: 'org-centre', network, sources, deadlines, now: NOW });
    const text = briefingMarkdown(briefing, 'telecom', NOW);
    const lines = text.trim().split('\n');
    expect([lines[0], lines.at(-1)]).toEqual(['**TLP:GREEN**', '**TLP:GREEN**']);
    expect(text).not.toMatch(/amber-energy|strict-energy|red-health|Case 1/);
    expect(briefing.withheld).toHaveLength(4);
  });

  it("leaves out what the publisher may not read, deadlines included, and says so in a line that is always there", () => {
    const toHealth = [source('strict-health', { tlp: 'TLP:AMBER+STRICT', recipientOrgIds: ['org-health'] }), source('green', {})];
    const dueToHealth: BriefingDeadline[] = [{ ...deadlines[0], caseId: 'case-h', recipientOrgIds: ['org-health'] }];
    const briefing = composeBriefing({ readerOrgId: 'org-health', publisherOrgId: 'org-centre', network, sources: toHealth, deadlines: dueToHealth, now: NOW });
    expect(briefing.items.map((i) => i.id)).toEqual(['green']);
    expect(briefing.deadlines).toEqual([]);
    expect(briefing.reads.map((r) => r.item.id)).toEqual(['green']); // the STRICT one was never read
    expect(briefing.withheld).toEqual(["advisory strict-health: TLP:AMBER+STRICT from energy, not readable by org-centre (the briefing's publisher)"]);
    const text = briefingMarkdown(briefing, 'health', NOW);
    expect(text).not.toContain('strict-health');
    const empty = briefingMarkdown(composeBriefing({ readerOrgId: 'org-health', publisherOrgId: 'org-centre', network, sources: [], deadlines: [], now: NOW }), 'health', NOW);
    expect(text).toContain('they are in your inbox');
    expect(empty).toContain('they are in your inbox');
  });

  it('escapes Markdown in titles so another organisation cannot add links, HTML or headings', () => {
    const briefing = composeBriefing({ readerOrgId: 'org-health', publisherOrgId: 'org-centre', network, sources: [source('x', { title: '[click](https://evil.example) <img src=x>\n# Heading' })], deadlines: [], now: NOW });
    const line = briefingMarkdown(briefing, 'health', NOW).split('\n').find((l) => l.includes('advisory x'));
    expect(line).toBe('- advisory x: \\[click\\](https://evil.example) \\<img src=x\\> \\# Heading (TLP:GREEN, from energy)');
  });
});
