import { Injectable } from '@nestjs/common';
import { deadlinesOf } from './case-view.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import type { IncidentTimelineEntity } from './incident-timeline.entity.js';
import { nextOpenDeadline } from './reporting-clocks.js';

/** How far ahead a deadline counts as coming due (matches the clocks' `dueSoon`). */
const LOOK_AHEAD_MS = 6 * 3_600_000;
const CASES_PER_SWEEP = 500;

export interface SweepResult {
  cases: number;
  dueSoon: number;
  overdue: number;
}

/**
 * The scheduled sweep: marks on each case's timeline the reports coming due and those overdue,
 * once per clock (the dedupe key makes re-runs and concurrent workers harmless). Notifying the
 * reporter and the centre comes with the routing work (DESIGN §4, §5).
 */
@Injectable()
export class IncidentClocksService {
  constructor(private readonly cases: IncidentCaseRepository) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const due = await this.cases.dueBefore(new Date(now.getTime() + LOOK_AHEAD_MS), CASES_PER_SWEEP);
    const result: SweepResult = { cases: due.length, dueSoon: 0, overdue: 0 };
    for (const c of due) {
      const deadlines = deadlinesOf(c, await this.cases.timelineOf(c.id), now);
      const marks: Partial<IncidentTimelineEntity>[] = [];
      for (const d of deadlines) {
        if (d.overdue) marks.push({ caseId: c.id, kind: 'overdue', stage: d.clock, at: now, dedupeKey: `${c.id}:overdue:${d.clock}` });
        else if (d.dueSoon) marks.push({ caseId: c.id, kind: 'due-soon', stage: d.clock, at: now, dedupeKey: `${c.id}:due-soon:${d.clock}` });
      }
      await this.cases.addTimeline(marks);
      result.overdue += marks.filter((m) => m.kind === 'overdue').length;
      result.dueSoon += marks.filter((m) => m.kind === 'due-soon').length;
      const next = nextOpenDeadline(deadlines);
      await this.cases.updateNextDue(c.id, next?.due ?? null, next?.clock ?? null);
    }
    return result;
  }
}
