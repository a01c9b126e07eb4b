import type { Nis2Stage, StageReport } from './clocks.js';
import { caseDeadlines, doraDeadlines, nextOpenDeadline, regimeForSector, validateRegimeTransition } from './reporting-clocks.js';

const utc = (iso: string) => new Date(iso);
const report = (stage: Nis2Stage, at: string): StageReport => ({ stage, at: utc(at) });
const dues = (ds: { clock: string; due: Date }[]) => Object.fromEntries(ds.map((d) => [d.clock, d.due.toISOString()]));

describe('regimeForSector', () => {
  it('finance reports under DORA, every other sector under NIS2, unless configured', () => {
    expect(regimeForSector('finance')).toBe('dora');
    expect(regimeForSector('energy')).toBe('nis2');
    expect(regimeForSector(null)).toBe('nis2');
    expect(regimeForSector('finance', { finance: 'nis2' })).toBe('nis2');
  });
});

describe('DORA deadlines (Art. 19; RTS time limits)', () => {
  const awareAt = utc('2026-03-01T00:00:00.000Z');

  it('initial notification 4 h after classification when that comes first', () => {
    const ds = doraDeadlines({ regime: 'dora', awareAt, classifiedAt: utc('2026-03-01T10:00:00.000Z'), reports: [] }, awareAt);
    expect(dues(ds)).toEqual({
      notification: '2026-03-01T14:00:00.000Z',
      intermediate: '2026-03-04T14:00:00.000Z', // 72 h after the initial notification's due time
      final: '2026-04-04T14:00:00.000Z', // one month after the intermediate's due time
    });
  });

  it('at the latest 24 h after awareness, even when classified late or never', () => {
    expect(dues(doraDeadlines({ regime: 'dora', awareAt, classifiedAt: utc('2026-03-01T22:00:00.000Z'), reports: [] }, awareAt)).notification).toBe('2026-03-02T00:00:00.000Z');
    expect(dues(doraDeadlines({ regime: 'dora', awareAt, reports: [] }, awareAt)).notification).toBe('2026-03-02T00:00:00.000Z');
  });

  it('counts the intermediate from the real initial notification and the final from the latest intermediate', () => {
    const reports = [report('notification', '2026-03-01T03:00:00.000Z'), report('intermediate', '2026-03-03T00:00:00.000Z'), report('intermediate', '2026-03-10T12:00:00.000Z')];
    const ds = doraDeadlines({ regime: 'dora', awareAt, reports }, utc('2026-03-11T00:00:00.000Z'));
    expect(dues(ds)).toEqual({ notification: '2026-03-02T00:00:00.000Z', intermediate: '2026-03-04T03:00:00.000Z', final: '2026-04-10T12:00:00.000Z' });
    expect(ds.map((d) => d.overdue)).toEqual([false, false, false]);
  });

  it('marks an unmet initial notification overdue', () => {
    const [initial] = doraDeadlines({ regime: 'dora', awareAt, reports: [] }, utc('2026-03-02T00:00:01.000Z'));
    expect(initial).toMatchObject({ overdue: true, dueSoon: false });
  });
});

describe('caseDeadlines under NIS2, with the centre\'s feedback duty (Art. 23(5))', () => {
  const awareAt = utc('2026-01-10T06:00:00.000Z');

  it('has no feedback clock before an early warning', () => {
    expect(caseDeadlines({ regime: 'nis2', awareAt, reports: [] }, awareAt).map((d) => d.clock)).toEqual(['early-warning', 'notification', 'final']);
  });

  it('the centre owes feedback 24 h after the early warning', () => {
    const ds = caseDeadlines({ regime: 'nis2', awareAt, reports: [report('early-warning', '2026-01-10T12:00:00.000Z')] }, utc('2026-01-11T13:00:00.000Z'));
    expect(ds.find((d) => d.clock === 'centre-feedback')).toMatchObject({ owner: 'centre', due: utc('2026-01-11T12:00:00.000Z'), overdue: true });
  });

  it('a case opened by the notification (no early warning) has the centre owe feedback 24 h after it', () => {
    const ds = caseDeadlines({ regime: 'nis2', awareAt, reports: [report('notification', '2026-01-10T18:00:00.000Z')] }, utc('2026-01-10T19:00:00.000Z'));
    expect(ds.find((d) => d.clock === 'centre-feedback')).toMatchObject({ owner: 'centre', due: utc('2026-01-11T18:00:00.000Z'), overdue: false });
    // an early warning before the notification still sets the clock
    const both = caseDeadlines({ regime: 'nis2', awareAt, reports: [report('early-warning', '2026-01-10T08:00:00.000Z'), report('notification', '2026-01-10T18:00:00.000Z')] }, awareAt);
    expect(both.find((d) => d.clock === 'centre-feedback')?.due).toEqual(utc('2026-01-11T08:00:00.000Z'));
    // DORA has no such duty
    expect(caseDeadlines({ regime: 'dora', awareAt, reports: [report('notification', '2026-01-10T18:00:00.000Z')] }, awareAt).map((d) => d.clock)).not.toContain('centre-feedback');
  });

  it('feedback given in time meets the clock', () => {
    const ds = caseDeadlines(
      { regime: 'nis2', awareAt, reports: [report('early-warning', '2026-01-10T12:00:00.000Z')], feedbackAt: utc('2026-01-10T20:00:00.000Z') },
      utc('2026-01-12T00:00:00.000Z'),
    );
    expect(ds.find((d) => d.clock === 'centre-feedback')).toMatchObject({ overdue: false, late: false, submittedAt: utc('2026-01-10T20:00:00.000Z') });
  });

  it('nextOpenDeadline is the earliest unmet one', () => {
    const ds = caseDeadlines({ regime: 'nis2', awareAt, reports: [report('early-warning', '2026-01-10T12:00:00.000Z')] }, awareAt);
    expect(nextOpenDeadline(ds)?.clock).toBe('centre-feedback');
    expect(nextOpenDeadline([])).toBeUndefined();
  });
});

describe('validateRegimeTransition', () => {
  it('DORA has no early warning', () => {
    expect(validateRegimeTransition('dora', [], 'early-warning')).toMatchObject({ ok: false, code: 'DORA.NO_EARLY_WARNING' });
    expect(validateRegimeTransition('dora', [], 'notification')).toEqual({ ok: true });
    expect(validateRegimeTransition('dora', [report('notification', '2026-01-01T00:00:00Z')], 'progress')).toMatchObject({ ok: false, code: 'DORA.NO_PROGRESS_REPORT' });
    expect(validateRegimeTransition('nis2', [report('notification', '2026-01-01T00:00:00Z')], 'progress')).toEqual({ ok: true });
  });

  it('otherwise the NIS2 order applies', () => {
    expect(validateRegimeTransition('nis2', [], 'final')).toMatchObject({ ok: false, code: 'NIS2.NOTIFICATION_REQUIRED' });
    expect(validateRegimeTransition('dora', [report('notification', '2026-01-01T00:00:00Z')], 'notification')).toMatchObject({ ok: false, code: 'NIS2.DUPLICATE_STAGE' });
  });
});
