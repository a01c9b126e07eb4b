// The clocks of a case under its sector's reporting regime — pure. NIS2 (clocks.ts) for every
// sector but finance, whose entities report under DORA (Regulation (EU) 2022/2554, Art. 19, with
// the time limits of the RTS/ITS on major ICT-related incident reporting, Art. 5):
//
//   initial notification   within 4 hours of classifying the incident as major, and at the latest
//                          24 hours after becoming aware of it
//   intermediate report    within 72 hours of the initial notification
//   final report           within one month of the latest intermediate report
//
// and the centre's own duty under NIS2 Art. 23(5): a response to the reporting entity, with initial
// feedback, within 24 hours of receiving the early warning.
import { addCalendarMonth, nis2Deadlines, type Nis2Stage, type StageReport, type StageTransition, validateStageTransition } from './clocks.js';
import { INCIDENT_ERRORS } from './errors.js';

export type ReportingRegime = 'nis2' | 'dora';
export type ClockName = 'early-warning' | 'notification' | 'intermediate' | 'progress' | 'final' | 'centre-feedback';

export interface ClockDeadline {
  clock: ClockName;
  /** Who must act: the reporting entity, or the centre (its feedback duty). */
  owner: 'reporter' | 'centre';
  due: Date;
  submittedAt?: Date;
  overdue: boolean;
  late: boolean;
  dueSoon: boolean;
}

export interface CaseClockInput {
  regime: ReportingRegime;
  awareAt: Date;
  /** DORA: when the entity classified the incident as major. */
  classifiedAt?: Date;
  /** NIS2 Art. 23(4)(e): when the incident was handled (it matters when it outlasted the one-month mark). */
  handledAt?: Date;
  reports: StageReport[];
  /** When the centre first gave feedback on the case. */
  feedbackAt?: Date;
}

const HOUR_MS = 3_600_000;
const DUE_SOON_MS = 6 * HOUR_MS;
const FEEDBACK_MS = 24 * HOUR_MS; // NIS2 Art. 23(5)
const DORA_INITIAL_AFTER_CLASSIFICATION_MS = 4 * HOUR_MS;
const DORA_INITIAL_AFTER_AWARENESS_MS = 24 * HOUR_MS;
const DORA_INTERMEDIATE_MS = 72 * HOUR_MS;

/** The sector's regime: `finance` reports under DORA unless the network file says otherwise. */
export function regimeForSector(sector: string | null, configured: Readonly<Record<string, ReportingRegime>> = {}): ReportingRegime {
  if (sector !== null && configured[sector] !== undefined) return configured[sector];
  return sector === 'finance' ? 'dora' : 'nis2';
}

function clock(clockName: ClockName, owner: ClockDeadline['owner'], due: Date, submittedAt: Date | undefined, now: Date): ClockDeadline {
  const overdue = submittedAt === undefined && now.getTime() > due.getTime();
  return {
    clock: clockName,
    owner,
    due,
    ...(submittedAt === undefined ? {} : { submittedAt }),
    overdue,
    late: submittedAt !== undefined && submittedAt.getTime() > due.getTime(),
    dueSoon: submittedAt === undefined && !overdue && due.getTime() - now.getTime() <= DUE_SOON_MS,
  };
}

function first(reports: StageReport[], stage: Nis2Stage): Date | undefined {
  return reports.filter((r) => r.stage === stage).reduce<Date | undefined>((min, r) => (min === undefined || r.at < min ? r.at : min), undefined);
}

function last(reports: StageReport[], stage: Nis2Stage): Date | undefined {
  return reports.filter((r) => r.stage === stage).reduce<Date | undefined>((max, r) => (max === undefined || r.at > max ? r.at : max), undefined);
}

/** DORA: initial notification, intermediate report, final report. */
export function doraDeadlines(input: CaseClockInput, now: Date): ClockDeadline[] {
  const byAwareness = input.awareAt.getTime() + DORA_INITIAL_AFTER_AWARENESS_MS;
  const byClassification = input.classifiedAt === undefined ? Infinity : input.classifiedAt.getTime() + DORA_INITIAL_AFTER_CLASSIFICATION_MS;
  const initialDue = new Date(Math.min(byAwareness, byClassification));
  const initialAt = first(input.reports, 'notification');
  const intermediateDue = new Date((initialAt ?? initialDue).getTime() + DORA_INTERMEDIATE_MS);
  const intermediateAt = first(input.reports, 'intermediate');
  // the final report counts from the latest intermediate report, else from when it was due
  const finalDue = addCalendarMonth(last(input.reports, 'intermediate') ?? intermediateDue);
  return [
    clock('notification', 'reporter', initialDue, initialAt, now),
    clock('intermediate', 'reporter', intermediateDue, intermediateAt, now),
    clock('final', 'reporter', finalDue, first(input.reports, 'final'), now),
  ];
}

/** Every clock of a case, in due order per owner: the reporter's reports, then the centre's feedback. */
export function caseDeadlines(input: CaseClockInput, now: Date): ClockDeadline[] {
  if (input.regime === 'dora') return doraDeadlines(input, now);
  const reporter = nis2Deadlines(input.awareAt, input.reports, now, input.handledAt ? { handledAt: input.handledAt } : {}).map((d): ClockDeadline => ({
    clock: d.stage,
    owner: 'reporter',
    due: d.due,
    ...(d.submittedAt ? { submittedAt: d.submittedAt } : {}),
    overdue: d.overdue,
    late: d.late,
    dueSoon: d.dueSoon,
  }));
  // Art. 23(5) runs from receiving the early warning; a case opened by the notification (which meets
  // the early-warning deadline, clocks.ts) has given its warning with it, so the centre's 24 h run from that
  const warnedAt = first(input.reports, 'early-warning') ?? first(input.reports, 'notification');
  if (warnedAt === undefined) return reporter;
  return [...reporter, clock('centre-feedback', 'centre', new Date(warnedAt.getTime() + FEEDBACK_MS), input.feedbackAt, now)];
}

/** The earliest deadline still open (what the list's `overdue` filter and the clock job look at). */
export function nextOpenDeadline(deadlines: ClockDeadline[]): ClockDeadline | undefined {
  return deadlines.filter((d) => d.submittedAt === undefined).sort((a, b) => a.due.getTime() - b.due.getTime())[0];
}

/** May a report of `next` stage be filed? DORA knows no early warning (Art. 19(4): initial, intermediate, final). */
export function validateRegimeTransition(regime: ReportingRegime, reports: StageReport[], next: Nis2Stage): StageTransition {
  if (regime === 'dora' && next === 'early-warning') {
    return {
      ok: false,
      code: INCIDENT_ERRORS.doraNoEarlyWarning,
      reason: 'Under DORA (finance) the first report is the initial notification (stage "notification"); there is no early warning.',
    };
  }
  if (regime === 'dora' && next === 'progress') {
    // NIS2 Art. 23(4)(e) only; DORA keeps an incident's updates in updated intermediate reports (RTS 2025/301 Art. 5(1)(b))
    return {
      ok: false,
      code: INCIDENT_ERRORS.doraNoProgressReport,
      reason: 'Under DORA (finance) an ongoing incident is updated by intermediate reports (stage "intermediate"); there is no progress report.',
    };
  }
  return validateStageTransition(reports, next);
}
