import { Injectable, Logger } from '@nestjs/common';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { UnitOfWork } from '@isac/unit-of-work';
import { deadlinesOf } from './case-view.js';
import { IncidentNotices } from './incident-notices.service.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { nextOpenDeadline, type ClockDeadline } from './reporting-clocks.js';

/** How far ahead a deadline counts as coming due (matches the clocks' `dueSoon`). */
const LOOK_AHEAD_MS = 6 * 3_600_000;
/** Cases read per page of the sweep (it reads every page). */
const CASES_PER_SWEEP = 500;
/**
 * How far back the sweep looks for impact notices that never went out. Filing sends the notice
 * right after its commit, so only a crash or an outage at that moment loses one, and the sweep runs
 * every few minutes: a month covers any outage the hub survives, without re-reading every case ever filed.
 */
const IMPACT_NOTICE_LOOKBACK_MS = 30 * 24 * 3_600_000;

export interface SweepResult {
  cases: number;
  /** clocks found coming due / overdue (recomputed on every sweep) */
  dueSoon: number;
  overdue: number;
  /** due-soon and overdue marks this sweep wrote (each deadline's are written once) */
  marked: number;
  /** cases left for the next sweep because a filing held them */
  skipped: number;
  /** impact notices that had not gone out after their filing and were sent by this sweep */
  impactNotices: number;
}

/** One mark per case, clock, kind and due time: a deadline that moves is a new deadline to announce. */
const markKey = (caseId: string, kind: 'due-soon' | 'overdue', d: ClockDeadline) => `${caseId}:${kind}:${d.clock}:${d.due.toISOString()}`;

/**
 * The scheduled sweep: marks on each case's timeline the reports coming due and those overdue,
 * once per deadline, and tells the reporter by an advisory from the centre (DESIGN §4). Each case
 * is swept in one transaction that holds the case's row: a filing that is recording a report holds
 * it too, so the sweep skips that case rather than mark a clock the report is about to meet, and
 * two workers never sweep one case at once. The marks and their notices commit together (a crash
 * loses both, and the next sweep writes both); the unique dedupe key and the notice's idempotency
 * key keep each once whatever runs twice.
 * It also sends the impact notices of recent cases that never went out after their filing.
 */
@Injectable()
export class IncidentClocksService {
  private readonly logger = new Logger('IncidentClocks');

  constructor(
    private readonly cases: IncidentCaseRepository,
    private readonly notices: IncidentNotices,
    private readonly directory: NetworkDirectory,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async sweep(now = new Date()): Promise<SweepResult> {
    const horizon = new Date(now.getTime() + LOOK_AHEAD_MS);
    const result: SweepResult = { cases: 0, dueSoon: 0, overdue: 0, marked: 0, skipped: 0, impactNotices: 0 };
    const network = await this.directory.network();
    let after: { nextDueAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.cases.dueBefore(horizon, after, CASES_PER_SWEEP);
      for (const candidate of page) {
        result.cases++;
        try {
          const swept = await this.sweepCase(candidate.id, now, network);
          if (swept === null) result.skipped++;
          else {
            result.dueSoon += swept.dueSoon;
            result.overdue += swept.overdue;
            result.marked += swept.marked;
          }
        } catch (error) {
          // one case that fails (a notice refused, say) must not hold back the others; the next sweep tries it again
          this.logger.warn({ msg: 'incident clocks of a case not swept; tried again on the next sweep', case: candidate.id, err: String(error) });
        }
      }
      if (page.length < CASES_PER_SWEEP) break;
      const last = page[page.length - 1];
      after = { nextDueAt: last.nextDueAt!, id: last.id };
    }
    result.impactNotices = await this.resendLostImpactNotices(now);
    return result;
  }

  /** One case, under its row lock; null when a filing holds it. */
  private sweepCase(caseId: string, now: Date, network: NetworkSnapshot): Promise<{ dueSoon: number; overdue: number; marked: number } | null> {
    return this.unitOfWork.run(async () => {
      const c = await this.cases.lockForSweep(caseId);
      if (!c) return null;
      // closed since it was paged: a closed case owes no report (closing cleared its next deadline)
      if (c.closedAt) return { dueSoon: 0, overdue: 0, marked: 0 };
      const timeline = await this.cases.timelineOf(c.id);
      const deadlines = deadlinesOf(c, timeline, now);
      const due = deadlines.flatMap((d) => {
        const kind = d.overdue ? ('overdue' as const) : d.dueSoon ? ('due-soon' as const) : null;
        return kind ? [{ deadline: d, mark: { caseId: c.id, kind, stage: d.clock, at: now, dedupeKey: markKey(c.id, kind, d) } }] : [];
      });
      const written = await this.cases.addMarks(due.map((d) => d.mark));
      const reporterSlug = network.byId(c.reporterOrgId)?.slug;
      for (const { deadline, mark } of due) {
        // the reporter is told of its own reports; the centre's own clock shows on its case list
        if (!written.has(mark.dedupeKey) || !reporterSlug || deadline.owner !== 'reporter') continue;
        await this.notices.deadline({ ...c, reporterSlug }, deadline.clock, mark.kind, deadline.due.toISOString());
      }
      const next = nextOpenDeadline(deadlines);
      const nextDueAt = next?.due ?? null;
      if (nextDueAt?.getTime() !== c.nextDueAt?.getTime() || (next?.clock ?? null) !== c.nextDueClock) {
        await this.cases.updateNextDue(c.id, nextDueAt, next?.clock ?? null);
      }
      return {
        dueSoon: due.filter((d) => d.mark.kind === 'due-soon').length,
        overdue: due.filter((d) => d.mark.kind === 'overdue').length,
        marked: written.size,
      };
    });
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
