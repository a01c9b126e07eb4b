import type { Network, NetworkOrg } from '@isac/tlp';
import { caseEventsOf, inCaseScope, parseCaseNotification, type CaseChangeFacts, type CaseFact, type CaseNotification } from './case-events.js';
import { heardBy } from './console-events.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'litware', slug: 'litware', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
  { id: 'coho', slug: 'coho', kind: 'member', sector: 'health', parentId: 'health' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };
const EVERYONE = orgs.map((o) => o.id);

const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';
const M1 = '33333333-3333-4333-8333-333333333333';
// a case of litware (energy member), addressed as every case: to the centre and its sector unit
const litwareCase: CaseFact = { id: C1, tlp: 'TLP:AMBER+STRICT', reporterOrgId: 'litware', recipientOrgIds: ['centre', 'energy'] };
const cohoCase: CaseFact = { id: C2, tlp: 'TLP:AMBER+STRICT', reporterOrgId: 'coho', recipientOrgIds: ['centre', 'health'] };
const note = (over: Partial<CaseNotification> = {}): CaseNotification => ({ change: 'feedback', caseIds: [C1], messageId: null, ...over });
const hearers = (n: CaseNotification, facts: CaseChangeFacts) => caseEventsOf(n, facts, EVERYONE, network).map((a) => `${a.orgId}:${a.event.caseId}`).sort();

describe('caseEventsOf', () => {
  it("tells the case's readers — its reporter, the centre, its sector unit — and nobody else", () => {
    const addressed = caseEventsOf(note(), { cases: [litwareCase], message: null }, EVERYONE, network);
    expect(addressed.map((a) => a.orgId).sort()).toEqual(['centre', 'energy', 'litware']);
    expect(addressed[0].event).toEqual({ type: 'case', change: 'feedback', caseId: C1 });
  });

  it('tells of a message only those who may read the message too (it may be stricter than its case)', () => {
    const message = { id: M1, caseId: C1, tlp: 'TLP:RED', authorOrgId: 'centre', recipientOrgIds: ['litware'] };
    expect(hearers(note({ change: 'message', messageId: M1 }), { cases: [litwareCase], message })).toEqual([`centre:${C1}`, `litware:${C1}`]);
    // a message id the facts do not hold (gone, or of another case): nobody hears anything
    expect(hearers(note({ change: 'message', messageId: M1 }), { cases: [litwareCase], message: null })).toEqual([]);
    expect(hearers(note({ change: 'message', messageId: M1 }), { cases: [litwareCase], message: { ...message, caseId: C2 } })).toEqual([]);
  });

  it('tells of a link only those who may read both cases: a reader of one learns nothing of the other', () => {
    expect(hearers(note({ change: 'link', caseIds: [C1, C2] }), { cases: [litwareCase, cohoCase], message: null })).toEqual([`centre:${C1}`, `centre:${C2}`]);
    // the same sector: its unit reads both and hears of both sides
    const litwareOther = { ...cohoCase, reporterOrgId: 'energy', recipientOrgIds: ['centre', 'energy'] };
    expect(hearers(note({ change: 'link', caseIds: [C1, C2] }), { cases: [litwareCase, litwareOther], message: null })).toEqual([`centre:${C1}`, `centre:${C2}`, `energy:${C1}`, `energy:${C2}`]);
  });

  it('a case the facts do not hold (gone, never there) is told to nobody', () => {
    expect(hearers(note({ caseIds: [C1, C2], change: 'link' }), { cases: [litwareCase], message: null })).toEqual([]);
    expect(hearers(note(), { cases: [], message: null })).toEqual([]);
  });

  it('only listening organisations are addressed', () => {
    expect(caseEventsOf(note(), { cases: [litwareCase], message: null }, ['health', 'litware'], network).map((a) => a.orgId)).toEqual(['litware']);
  });
});

describe('parseCaseNotification', () => {
  it('reads what the case triggers write', () => {
    expect(parseCaseNotification(JSON.stringify({ change: 'link', cases: [C1, C2] }))).toEqual({ change: 'link', caseIds: [C1, C2], messageId: null });
    expect(parseCaseNotification(JSON.stringify({ change: 'message', cases: [C1], message: M1 }))).toEqual({ change: 'message', caseIds: [C1], messageId: M1 });
  });

  it('ignores anything else', () => {
    for (const payload of [undefined, '', 'not json', '{}', JSON.stringify({ change: 'feedback', cases: [] }), JSON.stringify({ change: 'feedback', cases: ['x'] }), JSON.stringify({ change: 'Bad Change', cases: [C1] }), JSON.stringify({ change: 7, cases: [C1] })]) {
      expect(parseCaseNotification(payload)).toBeNull();
    }
  });
});

describe('heardBy', () => {
  it("inbox and receipts are the analyst's; a case change the analyst's and the reporter's; resync everyone's", () => {
    const inbox = { type: 'inbox', change: 'added', entryId: C1, advisoryId: C1 } as const;
    const receipt = { type: 'receipt', change: 'delivered', advisoryId: C1 } as const;
    const changed = { type: 'case', change: 'message', caseId: C1 } as const;
    expect([inbox, receipt, changed, { type: 'resync' } as const].map((e) => heardBy(e, ['reporter']))).toEqual([false, false, true, true]);
    expect([inbox, receipt, changed].map((e) => heardBy(e, ['analyst']))).toEqual([true, true, true]);
    expect([inbox, receipt, changed].map((e) => heardBy(e, ['coordinator', 'admin']))).toEqual([false, false, false]);
  });

  it("a major-incident room's line is the analyst's only (reporter keys do not read rooms)", () => {
    const line = { type: 'major-incident', majorIncidentId: C1, entryId: C1, kind: 'sitrep' } as const;
    expect([['analyst'], ['reporter'], ['coordinator', 'admin']].map((roles) => heardBy(line, roles))).toEqual([true, false, false]);
  });
});

describe('inCaseScope', () => {
  it("a reporter key hears of its own organisation's cases only, of a link only when both sides are its own; an analyst key of all", () => {
    const own = { cases: [litwareCase], message: null };
    const other = { cases: [cohoCase], message: null };
    const link = { cases: [litwareCase, cohoCase], message: null };
    expect([own, other, link].map((f) => inCaseScope(f, { reporterOrgId: 'litware' }))).toEqual([true, false, false]);
    expect([own, other, link].map((f) => inCaseScope(f, {}))).toEqual([true, true, true]);
  });
});
