import fc from 'fast-check';
import { addCalendarMonth, currentStage, nextDeadline, nis2Deadlines, validateStageTransition, type Nis2Stage, type StageReport } from './clocks.js';

const utc = (iso: string) => new Date(iso);
const report = (stage: Nis2Stage, at: string): StageReport => ({ stage, at: utc(at) });

describe('addCalendarMonth', () => {
  it.each([
    ['2025-03-14T09:30:00.000Z', '2025-04-14T09:30:00.000Z'],
    ['2025-01-31T23:59:59.999Z', '2025-02-28T23:59:59.999Z'], // clamped to the end of February
    ['2024-01-31T12:00:00.000Z', '2024-02-29T12:00:00.000Z'], // leap year
    ['2024-01-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['2023-01-29T00:00:00.000Z', '2023-02-28T00:00:00.000Z'],
    ['2024-02-29T08:00:00.000Z', '2024-03-29T08:00:00.000Z'], // not pushed to March's end
    ['2025-03-31T10:00:00.000Z', '2025-04-30T10:00:00.000Z'],
    ['2025-08-31T10:00:00.000Z', '2025-09-30T10:00:00.000Z'],
    ['2025-12-15T06:00:00.000Z', '2026-01-15T06:00:00.000Z'], // across the year
    ['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
    ['2100-01-31T00:00:00.000Z', '2100-02-28T00:00:00.000Z'], // 2100 is not a leap year
    ['2000-01-31T00:00:00.000Z', '2000-02-29T00:00:00.000Z'], // 2000 is
    ['0050-01-31T06:00:00.000Z', '0050-02-28T06:00:00.000Z'], // a year below 100 stays itself (Date.UTC would make it 1950)
    ['0099-12-31T06:00:00.000Z', '0100-01-31T06:00:00.000Z'],
  ])('%s → %s', (from, to) => {
    expect(addCalendarMonth(utc(from)).toISOString()).toBe(to);
  });

  it('always lands in the next calendar month, on the same day or the month\'s last', () => {
    fc.assert(
      fc.property(fc.date({ min: utc('1970-01-01T00:00:00Z'), max: utc('2200-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const next = addCalendarMonth(d);
        const monthsApart = (next.getUTCFullYear() - d.getUTCFullYear()) * 12 + next.getUTCMonth() - d.getUTCMonth();
        const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
        return monthsApart === 1 && next.getUTCDate() === Math.min(d.getUTCDate(), lastDay) && next.getTime() % 86_400_000 === d.getTime() % 86_400_000;
      }),
    );
  });
});

describe('nis2Deadlines', () => {
  const awareAt = utc('2025-01-28T10:00:00.000Z');

  it('sets 24 h, 72 h and one month after the notification\'s due time while nothing is submitted', () => {
    expect(nis2Deadlines(awareAt, [], utc('2025-01-28T11:00:00.000Z'))).toEqual([
      { stage: 'early-warning', due: utc('2025-01-29T10:00:00.000Z'), overdue: false, late: false, dueSoon: false },
      { stage: 'notification', due: utc('2025-01-31T10:00:00.000Z'), overdue: false, late: false, dueSoon: false },
      // the notification is due on Jan 31, so the final on Feb 28 (2025 is not a leap year)
      { stage: 'final', due: utc('2025-02-28T10:00:00.000Z'), overdue: false, late: false, dueSoon: false },
    ]);
  });

  it('counts the final report from the notification\'s submission once it exists (Art. 23(4)(d))', () => {
    const reports = [report('early-warning', '2025-01-28T20:00:00.000Z'), report('notification', '2025-01-30T09:15:00.000Z')];
    const [earlyWarning, notification, final] = nis2Deadlines(awareAt, reports, utc('2025-02-01T00:00:00.000Z'));
    expect(earlyWarning).toMatchObject({ submittedAt: utc('2025-01-28T20:00:00.000Z'), overdue: false, late: false });
    expect(notification).toMatchObject({ submittedAt: utc('2025-01-30T09:15:00.000Z'), overdue: false, late: false });
    expect(final).toEqual({ stage: 'final', due: utc('2025-02-28T09:15:00.000Z'), overdue: false, late: false, dueSoon: false });
  });

  it('clamps the final to Feb 29 in a leap year', () => {
    const reports = [report('notification', '2024-01-31T16:00:00.000Z')];
    const final = nis2Deadlines(utc('2024-01-30T08:00:00.000Z'), reports, utc('2024-02-01T00:00:00.000Z'))[2];
    expect(final.due).toEqual(utc('2024-02-29T16:00:00.000Z'));
  });

  it('marks unsubmitted deadlines past due as overdue, not at the due instant itself', () => {
    const atDue = nis2Deadlines(awareAt, [], utc('2025-01-29T10:00:00.000Z'))[0];
    expect(atDue).toMatchObject({ overdue: false, dueSoon: true });
    const justAfter = nis2Deadlines(awareAt, [], utc('2025-01-29T10:00:00.001Z'))[0];
    expect(justAfter).toMatchObject({ overdue: true, dueSoon: false, late: false });
  });

  it('records a report submitted late as late, no longer overdue', () => {
    const reports = [report('early-warning', '2025-01-29T13:00:00.000Z'), report('notification', '2025-02-02T10:00:00.000Z')];
    const [earlyWarning, notification, final] = nis2Deadlines(awareAt, reports, utc('2025-02-03T00:00:00.000Z'));
    expect(earlyWarning).toEqual({
      stage: 'early-warning',
      due: utc('2025-01-29T10:00:00.000Z'),
      submittedAt: utc('2025-01-29T13:00:00.000Z'),
      overdue: false,
      late: true,
      dueSoon: false,
    });
    expect(notification).toMatchObject({ overdue: false, late: true });
    // a late notification pushes the final report's month along with it
    expect(final.due).toEqual(utc('2025-03-02T10:00:00.000Z'));
  });

  it('flags a deadline due within 6 hours as due soon, or within the window given', () => {
    const now = utc('2025-01-29T04:00:00.000Z'); // early warning due in 6 h exactly
    expect(nis2Deadlines(awareAt, [], now)[0].dueSoon).toBe(true);
    expect(nis2Deadlines(awareAt, [], utc('2025-01-29T03:59:59.999Z'))[0].dueSoon).toBe(false);
    expect(nis2Deadlines(awareAt, [], now, { dueSoonMs: 60 * 60 * 1000 })[0].dueSoon).toBe(false);
    expect(nis2Deadlines(awareAt, [], utc('2025-01-29T09:30:00.000Z'), { dueSoonMs: 60 * 60 * 1000 })[0].dueSoon).toBe(true);
  });

  it('never marks a submitted deadline due soon or overdue', () => {
    const reports = [report('early-warning', '2025-01-28T12:00:00.000Z')];
    expect(nis2Deadlines(awareAt, reports, utc('2025-01-29T09:00:00.000Z'))[0]).toMatchObject({ dueSoon: false, overdue: false });
    expect(nis2Deadlines(awareAt, reports, utc('2025-06-01T00:00:00.000Z'))[0]).toMatchObject({ dueSoon: false, overdue: false });
  });

  it('lets a notification within 24 h stand in for the early warning (Art. 23(4)(b) updates it)', () => {
    const reports = [report('notification', '2025-01-29T08:00:00.000Z')];
    const [earlyWarning] = nis2Deadlines(awareAt, reports, utc('2025-01-30T00:00:00.000Z'));
    expect(earlyWarning).toMatchObject({ submittedAt: utc('2025-01-29T08:00:00.000Z'), overdue: false, late: false });
  });

  it('uses the first report of a stage, whatever the order given', () => {
    const reports = [report('notification', '2025-01-31T09:00:00.000Z'), report('notification', '2025-01-30T09:00:00.000Z')];
    expect(nis2Deadlines(awareAt, reports, utc('2025-02-01T00:00:00.000Z'))[1].submittedAt).toEqual(utc('2025-01-30T09:00:00.000Z'));
  });

  it('shows the final overdue one month after the notification', () => {
    const reports = [report('early-warning', '2025-01-28T20:00:00.000Z'), report('notification', '2025-01-30T09:15:00.000Z')];
    expect(nis2Deadlines(awareAt, reports, utc('2025-02-28T09:15:00.001Z'))[2]).toMatchObject({ overdue: true });
    const withFinal = [...reports, report('final', '2025-02-27T17:00:00.000Z')];
    expect(nis2Deadlines(awareAt, withFinal, utc('2025-03-15T00:00:00.000Z'))[2]).toMatchObject({ overdue: false, late: false });
  });

  describe('an incident still ongoing at the one-month mark (Art. 23(4)(e))', () => {
    const notified = [report('early-warning', '2025-01-28T20:00:00.000Z'), report('notification', '2025-01-30T09:15:00.000Z')];
    const mark = utc('2025-02-28T09:15:00.000Z');
    const clocksOf = (ds: { stage: string }[]) => ds.map((d) => d.stage);

    it('a progress report at the mark meets it; the final has no due time until the handling is known', () => {
      const reports = [...notified, report('progress', '2025-02-28T08:00:00.000Z')];
      const ds = nis2Deadlines(awareAt, reports, utc('2025-03-20T00:00:00.000Z'));
      expect(clocksOf(ds)).toEqual(['early-warning', 'notification', 'progress']);
      expect(ds[2]).toEqual({ stage: 'progress', due: mark, submittedAt: utc('2025-02-28T08:00:00.000Z'), overdue: false, late: false, dueSoon: false });
      expect(ds.some((d) => d.overdue)).toBe(false);
    });

    it('the final falls due one month after the handling', () => {
      const reports = [...notified, report('progress', '2025-02-28T08:00:00.000Z')];
      const handledAt = utc('2025-03-31T18:00:00.000Z');
      const ds = nis2Deadlines(awareAt, reports, utc('2025-04-01T00:00:00.000Z'), { handledAt });
      expect(clocksOf(ds)).toEqual(['early-warning', 'notification', 'progress', 'final']);
      expect(ds[3]).toEqual({ stage: 'final', due: utc('2025-04-30T18:00:00.000Z'), overdue: false, late: false, dueSoon: false });
    });

    it('handled after the mark without a progress report: the progress report was missed, the final still counts from the handling', () => {
      const ds = nis2Deadlines(awareAt, notified, utc('2025-04-01T00:00:00.000Z'), { handledAt: utc('2025-03-31T18:00:00.000Z') });
      expect(ds[2]).toMatchObject({ stage: 'progress', due: mark, overdue: true });
      expect(ds[3]).toMatchObject({ stage: 'final', due: utc('2025-04-30T18:00:00.000Z'), overdue: false });
    });

    it('a final report without a handling time was handled by then: it meets both clocks', () => {
      const reports = [...notified, report('progress', '2025-02-28T08:00:00.000Z'), report('final', '2025-05-15T00:00:00.000Z')];
      const ds = nis2Deadlines(awareAt, reports, utc('2025-05-16T00:00:00.000Z'));
      expect(ds.slice(2)).toMatchObject([
        { stage: 'progress', late: false, overdue: false },
        { stage: 'final', submittedAt: utc('2025-05-15T00:00:00.000Z'), late: false, overdue: false },
      ]);
    });

    it('handled before the mark: the ordinary one-month final stands, an intermediate report is no progress report', () => {
      const withIntermediate = [...notified, report('intermediate', '2025-02-10T00:00:00.000Z')];
      expect(nis2Deadlines(awareAt, withIntermediate, utc('2025-02-20T00:00:00.000Z'), { handledAt: utc('2025-02-15T00:00:00.000Z') })[2]).toMatchObject({ stage: 'final', due: mark });
      expect(nis2Deadlines(awareAt, withIntermediate, utc('2025-03-01T00:00:00.000Z'))[2]).toMatchObject({ stage: 'final', due: mark, overdue: true });
      const progressThenHandled = [...notified, report('progress', '2025-02-10T00:00:00.000Z')];
      expect(nis2Deadlines(awareAt, progressThenHandled, utc('2025-02-20T00:00:00.000Z'), { handledAt: utc('2025-02-15T00:00:00.000Z') })[2]).toMatchObject({ stage: 'final', due: mark });
    });
  });
});

describe('nextDeadline', () => {
  const awareAt = utc('2025-05-01T00:00:00.000Z');

  it('is the earliest unsubmitted deadline, overdue ones included', () => {
    expect(nextDeadline(nis2Deadlines(awareAt, [], utc('2025-05-03T00:00:00.000Z')))).toMatchObject({ stage: 'early-warning', overdue: true });
    const afterWarning = nis2Deadlines(awareAt, [report('early-warning', '2025-05-01T12:00:00.000Z')], utc('2025-05-02T00:00:00.000Z'));
    expect(nextDeadline(afterWarning)).toMatchObject({ stage: 'notification', due: utc('2025-05-04T00:00:00.000Z') });
  });

  it('is undefined once every clocked report is in', () => {
    const reports = [report('early-warning', '2025-05-01T12:00:00.000Z'), report('notification', '2025-05-02T12:00:00.000Z'), report('final', '2025-05-20T12:00:00.000Z')];
    expect(nextDeadline(nis2Deadlines(awareAt, reports, utc('2025-05-21T00:00:00.000Z')))).toBeUndefined();
    expect(nextDeadline([])).toBeUndefined();
  });
});

describe('currentStage', () => {
  it.each<[StageReport[], Nis2Stage | 'opened']>([
    [[], 'opened'],
    [[report('early-warning', '2025-05-01T12:00:00.000Z')], 'early-warning'],
    [[report('early-warning', '2025-05-01T12:00:00.000Z'), report('notification', '2025-05-02T12:00:00.000Z')], 'notification'],
    [[report('notification', '2025-05-02T12:00:00.000Z'), report('intermediate', '2025-05-10T12:00:00.000Z')], 'intermediate'],
    [[report('final', '2025-05-20T12:00:00.000Z'), report('notification', '2025-05-02T12:00:00.000Z')], 'final'],
    [[report('notification', '2025-05-02T12:00:00.000Z'), report('progress', '2025-06-02T12:00:00.000Z'), report('intermediate', '2025-06-10T12:00:00.000Z')], 'progress'],
  ])('%j → %s', (reports, expected) => {
    expect(currentStage(reports)).toBe(expected);
  });
});

describe('validateStageTransition', () => {
  const ew = report('early-warning', '2025-05-01T12:00:00.000Z');
  const notification = report('notification', '2025-05-02T12:00:00.000Z');
  const intermediate = report('intermediate', '2025-05-10T12:00:00.000Z');
  const final = report('final', '2025-05-20T12:00:00.000Z');

  it.each<[string, StageReport[], Nis2Stage, 'ok' | `NIS2.${string}`]>([
    ['opened', [], 'early-warning', 'ok'],
    ['opened', [], 'notification', 'ok'],
    ['opened', [], 'intermediate', 'NIS2.NOTIFICATION_REQUIRED'],
    ['opened', [], 'final', 'NIS2.NOTIFICATION_REQUIRED'],
    ['early warning', [ew], 'early-warning', 'NIS2.DUPLICATE_STAGE'],
    ['early warning', [ew], 'notification', 'ok'],
    ['early warning', [ew], 'intermediate', 'NIS2.NOTIFICATION_REQUIRED'],
    ['early warning', [ew], 'final', 'NIS2.NOTIFICATION_REQUIRED'],
    ['notified', [ew, notification], 'early-warning', 'NIS2.DUPLICATE_STAGE'],
    ['notified without warning', [notification], 'early-warning', 'NIS2.EARLY_WARNING_SUPERSEDED'],
    ['notified', [ew, notification], 'notification', 'NIS2.DUPLICATE_STAGE'],
    ['notified', [ew, notification], 'intermediate', 'ok'],
    ['notified', [ew, notification], 'final', 'ok'],
    ['intermediate', [ew, notification, intermediate], 'intermediate', 'ok'],
    ['intermediate', [ew, notification, intermediate], 'final', 'ok'],
    ['final', [ew, notification, final], 'intermediate', 'NIS2.ALREADY_FINAL'],
    ['final', [ew, notification, final], 'final', 'NIS2.ALREADY_FINAL'],
    ['opened', [], 'progress', 'NIS2.NOTIFICATION_REQUIRED'],
    ['notified', [ew, notification], 'progress', 'ok'],
    ['progress', [ew, notification, report('progress', '2025-06-01T12:00:00.000Z')], 'progress', 'NIS2.DUPLICATE_STAGE'],
    ['progress', [ew, notification, report('progress', '2025-06-01T12:00:00.000Z')], 'intermediate', 'ok'],
    ['progress', [ew, notification, report('progress', '2025-06-01T12:00:00.000Z')], 'final', 'ok'],
    ['final', [ew, notification, final], 'progress', 'NIS2.ALREADY_FINAL'],
  ])('%s, then %s → %s', (_label, reports, next, expected) => {
    const result = validateStageTransition(reports, next);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
  });

  it('explains a refusal', () => {
    expect(validateStageTransition([ew], 'final')).toEqual({
      ok: false,
      code: 'NIS2.NOTIFICATION_REQUIRED',
      reason: 'The final report can only follow the incident notification.',
    });
  });
});
