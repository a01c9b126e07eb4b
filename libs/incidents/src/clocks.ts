// NIS2 reporting clocks (Directive (EU) 2022/2555, Art. 23(4)) — pure: the caller passes the
// time the entity became aware, the reports submitted so far and "now".
//
//   (a) early warning            within 24 hours of becoming aware
//   (b) incident notification    within 72 hours of becoming aware
//   (c) intermediate report      upon request of the CSIRT/authority (no clock of its own)
//   (d) final report             no later than one month after the submission of (b)
//   (e) incident still ongoing at (d): a progress report then (stage 'progress'), the final
//       report within one month of the incident's handling.
import { INCIDENT_ERRORS } from './errors.js';

export type Nis2Stage = 'early-warning' | 'notification' | 'intermediate' | 'progress' | 'final';

export interface StageReport {
  stage: Nis2Stage;
  at: Date;
}

export interface Deadline {
  stage: Exclude<Nis2Stage, 'intermediate'>;
  due: Date;
  submittedAt?: Date;
  /** Not submitted and past due. A deadline met late is no longer overdue; see `late`. */
  overdue: boolean;
  /** Submitted, but after `due` — kept so lateness stays on the record. */
  late: boolean;
  /** Not submitted, not overdue, due within `dueSoonMs`. */
  dueSoon: boolean;
}

export interface DeadlineOptions {
  /** How close a due time counts as "due soon"; 6 hours unless given. */
  dueSoonMs?: number;
  /**
   * When the incident was handled (x_isac_handled_at). After the one-month mark of Art. 23(4)(d),
   * the incident was ongoing at the mark: a progress report was due then, and the final report
   * falls due one month after the handling (Art. 23(4)(e)).
   */
  handledAt?: Date;
}

const HOUR_MS = 60 * 60 * 1000;
const EARLY_WARNING_MS = 24 * HOUR_MS; // Art. 23(4)(a)
const NOTIFICATION_MS = 72 * HOUR_MS; // Art. 23(4)(b)
const DEFAULT_DUE_SOON_MS = 6 * HOUR_MS;

const STAGE_ORDER: readonly Nis2Stage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];

/**
 * The same instant one calendar month later in UTC, clamped to the end of a shorter month
 * (Jan 31 → Feb 28, or Feb 29 in a leap year; Mar 31 → Apr 30) — "one month" in Art. 23(4)(d)
 * read as a calendar month, never as a fixed 30 days.
 */
export function addCalendarMonth(d: Date): Date {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999
  const target = new Date(0);
  target.setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); // month 12 rolls over into January
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth() + 1, 0);
  target.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay.getUTCDate()));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return target;
}

function firstAt(reports: StageReport[], stages: readonly Nis2Stage[]): Date | undefined {
  let first: Date | undefined;
  for (const report of reports) {
    if (stages.includes(report.stage) && (first === undefined || report.at < first)) first = report.at;
  }
  return first;
}

function deadline(stage: Deadline['stage'], due: Date, submittedAt: Date | undefined, now: Date, dueSoonMs: number): Deadline {
  const overdue = submittedAt === undefined && now.getTime() > due.getTime();
  return {
    stage,
    due,
    ...(submittedAt === undefined ? {} : { submittedAt }),
    overdue,
    late: submittedAt !== undefined && submittedAt.getTime() > due.getTime(),
    dueSoon: submittedAt === undefined && !overdue && due.getTime() - now.getTime() <= dueSoonMs,
  };
}

/**
 * The three clocked reports of a case, in order: early warning, notification, final.
 *
 * - The early warning is met by an early-warning report or, failing that, by the notification:
 *   Art. 23(4)(b) has the notification update the early warning's information, and an entity
 *   that notifies within 24 hours has given the warning (validateStageTransition refuses a
 *   separate early warning after the notification).
 * - The final report counts one month from the notification's submission (Art. 23(4)(d): "after
 *   the submission"). While no notification has been submitted it counts from the notification's
 *   due time, so the case shows the latest date the final can be due if the notification comes
 *   on time; the date moves to the real one once it is submitted.
 * - Art. 23(4)(e): the incident is ongoing at that one-month mark when it was handled after it, or,
 *   its handling not yet reported, when the entity filed the progress report. The mark's clock is
 *   then the progress report's, and the final report falls due one month after the handling (no
 *   later than the final report itself, when that comes without a handling time); until the
 *   handling is known the final has no due time and no clock.
 */
export function nis2Deadlines(awareAt: Date, reports: StageReport[], now: Date, opts: DeadlineOptions = {}): Deadline[] {
  const dueSoonMs = opts.dueSoonMs ?? DEFAULT_DUE_SOON_MS;
  const notificationDue = new Date(awareAt.getTime() + NOTIFICATION_MS);
  const notifiedAt = firstAt(reports, ['notification']);
  const oneMonthMark = addCalendarMonth(notifiedAt ?? notificationDue);
  const finalAt = firstAt(reports, ['final']);
  const progressAt = firstAt(reports, ['progress']);
  const ongoingAtMark = opts.handledAt !== undefined ? opts.handledAt.getTime() > oneMonthMark.getTime() : progressAt !== undefined;
  const reported = [
    deadline('early-warning', new Date(awareAt.getTime() + EARLY_WARNING_MS), firstAt(reports, ['early-warning', 'notification']), now, dueSoonMs),
    deadline('notification', notificationDue, notifiedAt, now, dueSoonMs),
  ];
  if (!ongoingAtMark) return [...reported, deadline('final', oneMonthMark, finalAt, now, dueSoonMs)];
  // Art. 23(4)(e): the progress report at the mark (a final report then would have met it), the final a month after the handling
  const progress = deadline('progress', oneMonthMark, progressAt ?? finalAt, now, dueSoonMs);
  const handledBy = opts.handledAt ?? finalAt;
  return handledBy === undefined ? [...reported, progress] : [...reported, progress, deadline('final', addCalendarMonth(handledBy), finalAt, now, dueSoonMs)];
}

/** The furthest stage reached (whatever order the reports come in); 'opened' before any report. */
export function currentStage(reports: StageReport[]): Nis2Stage | 'opened' {
  let furthest = -1;
  for (const report of reports) furthest = Math.max(furthest, STAGE_ORDER.indexOf(report.stage));
  return furthest < 0 ? 'opened' : STAGE_ORDER[furthest];
}

/** The earliest deadline still to be met (overdue ones come first, being earliest); undefined when all are submitted. */
export function nextDeadline(deadlines: Deadline[]): Deadline | undefined {
  let next: Deadline | undefined;
  for (const d of deadlines) {
    if (d.submittedAt === undefined && (next === undefined || d.due < next.due)) next = d;
  }
  return next;
}

export type StageTransition = { ok: true } | { ok: false; code: string; reason: string };

/** May a report of stage `next` be filed on a case that has `reports`? */
export function validateStageTransition(reports: StageReport[], next: Nis2Stage): StageTransition {
  const has = (stage: Nis2Stage) => reports.some((r) => r.stage === stage);
  if (has('final')) {
    return { ok: false, code: INCIDENT_ERRORS.nis2AlreadyFinal, reason: `The final report has been submitted; no ${next} report can follow it.` };
  }
  switch (next) {
    case 'early-warning':
      if (has('early-warning')) {
        return { ok: false, code: INCIDENT_ERRORS.nis2DuplicateStage, reason: 'An early warning has already been submitted; it is given only once.' };
      }
      if (has('notification')) {
        return {
          ok: false,
          code: INCIDENT_ERRORS.nis2EarlyWarningSuperseded,
          reason: 'The incident notification has been submitted; it updates the early warning (Art. 23(4)(b)), so none can follow it.',
        };
      }
      return { ok: true };
    case 'notification':
      if (has('notification')) {
        return {
          ok: false,
          code: INCIDENT_ERRORS.nis2DuplicateStage,
          reason: 'The incident notification has already been submitted; later updates are intermediate reports.',
        };
      }
      return { ok: true };
    case 'intermediate':
      // Art. 23(4)(c): an intermediate report updates the notification, on request.
      if (!has('notification')) {
        return { ok: false, code: INCIDENT_ERRORS.nis2NotificationRequired, reason: 'An intermediate report can only follow the incident notification.' };
      }
      return { ok: true };
    case 'progress':
      // Art. 23(4)(e): at the one-month mark, for an incident still ongoing; given once
      if (!has('notification')) {
        return { ok: false, code: INCIDENT_ERRORS.nis2NotificationRequired, reason: 'A progress report can only follow the incident notification.' };
      }
      if (has('progress')) {
        return {
          ok: false,
          code: INCIDENT_ERRORS.nis2DuplicateStage,
          reason: 'The progress report has already been submitted; later updates are intermediate reports, then the final report.',
        };
      }
      return { ok: true };
    case 'final':
      // Art. 23(4)(d): the final report's month counts from the notification's submission.
      if (!has('notification')) {
        return { ok: false, code: INCIDENT_ERRORS.nis2NotificationRequired, reason: 'The final report can only follow the incident notification.' };
      }
      return { ok: true };
  }
}
