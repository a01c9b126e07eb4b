import { Injectable } from '@nestjs/common';
import { AdvisoryQueriesService } from '@isac/advisories';
import type { Principal } from '@isac/auth';
import { IncidentQueriesService, type CaseView } from '@isac/incidents';
import { NetworkDirectory } from '@isac/organisations';
import { ackRatePerSector, deadlineAdherence, incidentsPerSectorWeek, windowStart, type CaseFacts } from './insights.js';

const MAX_CASES = 5000;

/** The console's plots, from what the caller may read: cases through the incidents' read path (audited as insights), receipts of the caller's own alerts. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly incidents: IncidentQueriesService,
    private readonly advisories: AdvisoryQueriesService,
    private readonly directory: NetworkDirectory,
  ) {}

  async compute(principal: Principal, weeks: number, now = new Date()) {
    const since = windowStart(weeks, now);
    const network = await this.directory.network();
    const cases = await this.readableCases(principal, since, now);
    const sectorOf = (c: CaseView) => {
      const reporter = network.bySlug(c.reporter);
      return reporter?.sector ?? (reporter?.kind === 'centre' ? 'centre' : c.reporter);
    };
    const facts: CaseFacts[] = cases.map((c) => ({ sector: sectorOf(c), awareAt: new Date(c.awareAt), deadlines: c.deadlines }));
    // DESIGN §5: receipts are the author's; the caller sees acknowledgement of the alerts it issued
    const receipts = await this.advisories.alertReceiptsOf(principal.organisation.id, since, now);
    return {
      since: since.toISOString(),
      until: now.toISOString(),
      incidentsPerWeek: incidentsPerSectorWeek(facts, weeks, now),
      deadlineAdherence: deadlineAdherence(facts),
      acknowledgement: { alerts: receipts.alerts, perSector: ackRatePerSector(receipts.perSector) },
      cases: cases.length,
    };
  }

  private async readableCases(principal: Principal, since: Date, now: Date): Promise<CaseView[]> {
    const cases: CaseView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.incidents.list(principal, { since, limit: 200, cursor }, now, 'insights');
      cases.push(...page.cases);
      cursor = page.next ?? undefined;
    } while (cursor && cases.length < MAX_CASES);
    return cases;
  }
}
