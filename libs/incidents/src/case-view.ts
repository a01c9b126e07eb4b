// How a case is shown over HTTP — pure mapping from the stored case and its timeline.
import { currentStage, type Nis2Stage, type StageReport } from './clocks.js';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import type { TimelineEntry } from './incident-case.repository.js';
import { caseDeadlines, nextOpenDeadline, type CaseClockInput, type ClockDeadline } from './reporting-clocks.js';

export interface DeadlineView {
  clock: string;
  owner: 'reporter' | 'centre';
  due: string;
  submittedAt: string | null;
  overdue: boolean;
  late: boolean;
  dueSoon: boolean;
}

export interface CaseView {
  id: string;
  incidentId: string;
  incidentVersion: string;
  name: string;
  reporter: string;
  stage: string;
  regime: 'nis2' | 'dora';
  tlp: string;
  severity: string | null;
  affectedSectors: string[];
  awareAt: string;
  openedAt: string;
  updatedAt: string;
  overdue: boolean;
  nextDeadline: DeadlineView | null;
  deadlines: DeadlineView[];
  /** open, or closed by the reporter or the centre (issue 17) */
  state: 'open' | 'closed';
  closedAt: string | null;
  closeReason: string | null;
  /** issue 19: an exercise created it — it never counts in the real NIS2 clocks */
  exercise: boolean;
}

export interface TimelineEntryView {
  kind: string;
  stage: string;
  at: string;
  incidentVersion?: string;
  objects?: number;
  missing?: { item: string; pointer: string; detail: string }[];
  /** feedback: guidance, assessment or severity-reassessment */
  feedbackKind?: string;
  /** feedback: its Markdown text; closed: the reason given */
  body?: string;
}

export function reportsOf(timeline: TimelineEntry[]): StageReport[] {
  return timeline.filter((t) => t.kind === 'report').map((t) => ({ stage: t.stage as Nis2Stage, at: t.at }));
}

export function clockInput(c: IncidentCaseEntity, timeline: TimelineEntry[]): CaseClockInput {
  const feedback = timeline.find((t) => t.kind === 'feedback');
  return {
    regime: c.regime,
    awareAt: c.awareAt,
    ...(c.classifiedAt ? { classifiedAt: c.classifiedAt } : {}),
    ...(c.handledAt ? { handledAt: c.handledAt } : {}),
    reports: reportsOf(timeline),
    ...(feedback ? { feedbackAt: feedback.at } : {}),
  };
}

export function deadlinesOf(c: IncidentCaseEntity, timeline: TimelineEntry[], now: Date): ClockDeadline[] {
  return caseDeadlines(clockInput(c, timeline), now);
}

export function stageOf(timeline: TimelineEntry[]): string {
  return currentStage(reportsOf(timeline));
}

const deadlineView = (d: ClockDeadline): DeadlineView => ({
  clock: d.clock,
  owner: d.owner,
  due: d.due.toISOString(),
  submittedAt: d.submittedAt?.toISOString() ?? null,
  overdue: d.overdue,
  late: d.late,
  dueSoon: d.dueSoon,
});

export function caseView(c: IncidentCaseEntity, reporterSlug: string, timeline: TimelineEntry[], now: Date): CaseView {
  const deadlines = deadlinesOf(c, timeline, now);
  const next = nextOpenDeadline(deadlines);
  return {
    id: c.id,
    incidentId: c.incidentId,
    incidentVersion: c.incidentVersion,
    name: c.name,
    reporter: reporterSlug,
    stage: c.stage,
    regime: c.regime,
    tlp: c.tlp,
    severity: c.severity,
    affectedSectors: c.affectedSectors,
    awareAt: c.awareAt.toISOString(),
    openedAt: c.openedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    // an exercise case runs no real clock: never overdue (issue 19)
    overdue: c.exerciseId === null && deadlines.some((d) => d.overdue),
    nextDeadline: next ? deadlineView(next) : null,
    deadlines: deadlines.map(deadlineView),
    state: c.closedAt ? 'closed' : 'open',
    closedAt: c.closedAt?.toISOString() ?? null,
    closeReason: c.closeReason ?? null,
    exercise: c.exerciseId !== null,
  };
}

export function timelineView(timeline: TimelineEntry[]): TimelineEntryView[] {
  return timeline.map((t) =>
    t.kind === 'report'
      ? { kind: t.kind, stage: t.stage, at: t.at.toISOString(), incidentVersion: t.incidentVersion ?? undefined, objects: t.objectCount, missing: t.missing }
      : {
          kind: t.kind,
          stage: t.stage,
          at: t.at.toISOString(),
          ...(t.feedbackKind ? { feedbackKind: t.feedbackKind } : {}),
          ...(t.body ? { body: t.body } : {}),
        },
  );
}
