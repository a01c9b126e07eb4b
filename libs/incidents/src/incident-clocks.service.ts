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
/**
 * How far back the sweep looks for impact notices that never went out. Filing sends the notice
 * right after its commit, so only a crash or an outage at that moment loses one, and the sweep runs
 * every few minutes: a month covers any outage the hub survives, without re-reading every case ever filed.
 */
const IMPACT_NOTICE_LOOKBACK_MS = 30 * 24 * 3_600_000;

export interface SweepResult {
  cases: number;
  dueSoon: number;
  overdue: number;
  /** impact notices that had not gone out after their filing and were sent by this sweep */
  impactNotices: number;
}

/**
 * The scheduled sweep: marks on each case's timeline the reports coming due and those overdue,
 * once per clock (the dedupe key makes re-runs and concurrent workers harmless), and tells the
 * reporter by an advisory from the centre (DESIGN §4). The notice goes first: a crash before the
 * mark is written repeats the notice on the next sweep, where its idempotency key collapses it.
 * It also sends the impact notices of recent cases that never went out after their filing.
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
    const result: SweepResult = { cases: due.length, dueSoon: 0, overdue: 0, impactNotices: 0 };
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
    result.impactNotices = await this.resendLostImpactNotices(now);
    return result;
  }

  /** DESIGN §4 and §5's "nothing lost": an impact notice lost between a filing's commit and its send goes out now. */
  private async resendLostImpactNotices(now: Date): Promise<number> {
    const since = new Date(now.getTime() - IMPACT_NOTICE_LOOKBACK_MS);
    let sent = 0;
    let afterId: string | null = null;
    for (;;) {
      const page = await this.cases.withImpactOnOtherSectors(since, afterId, CASES_PER_SWEEP);
      if (page.length === 0) return sent;
      const network = await this.directory.network();
      const cases = page.flatMap((c) => {
        const reporterSlug = network.byId(c.reporterOrgId)?.slug;
        return reporterSlug ? [{ ...c, reporterSlug }] : [];
      });
      sent += await this.notices.resendMissingImpact(cases);
      afterId = page[page.length - 1].id;
    }
  }
}
