import { Injectable } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { deadlinesOf } from './case-view.js';
import { IncidentNotices } from './incident-notices.service.js';
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
 * once per clock (the dedupe key makes re-runs and concurrent workers harmless), and tells the
 * reporter by an advisory from the centre (DESIGN §4). The notice goes first: a crash before the
 * mark is written repeats the notice on the next sweep, where its idempotency key collapses it.
 */
@Injectable()
export class IncidentClocksService {
  constructor(
    private readonly cases: IncidentCaseRepository,
    private readonly notices: IncidentNotices,
    private readonly directory: NetworkDirectory,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const due = await this.cases.dueBefore(new Date(now.getTime() + LOOK_AHEAD_MS), CASES_PER_SWEEP);
    const result: SweepResult = { cases: due.length, dueSoon: 0, overdue: 0 };
    for (const c of due) {
      const timeline = await this.cases.timelineOf(c.id);
      const deadlines = deadlinesOf(c, timeline, now);
      const marked = new Set(timeline.map((t) => `${c.id}:${t.kind}:${t.stage}`));
      const marks: Partial<IncidentTimelineEntity>[] = [];
      const reporterSlug = (await this.directory.network()).byId(c.reporterOrgId)?.slug;
      for (const d of deadlines) {
        const kind = d.overdue ? 'overdue' : d.dueSoon ? 'due-soon' : null;
        if (!kind) continue;
        const dedupeKey = `${c.id}:${kind}:${d.clock}`;
        marks.push({ caseId: c.id, kind, stage: d.clock, at: now, dedupeKey });
        // the reporter is told of its own reports; the centre's own clock shows on its case list
        if (marked.has(dedupeKey) || !reporterSlug || d.owner !== 'reporter') continue;
        await this.notices.deadline({ ...c, reporterSlug }, d.clock, kind, new Date(d.due).toISOString());
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
