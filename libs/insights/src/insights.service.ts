import { Injectable } from '@nestjs/common';
import { AdvisoryQueriesService } from '@isac/advisories';
import type { Principal } from '@isac/auth';
import { IncidentQueriesService, type CaseView } from '@isac/incidents';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { parseTlpLabel, screenSources } from '@isac/tlp';
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
    const cases = await this.composedOf(principal, await this.readableCases(principal, since, now), network);
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

  /**
   * DESIGN §2: the plots are a document composed for the caller, so each case it counts passes the
   * composed-document rule for the caller too (each one it may read; the others are left out).
   */
  private async composedOf(principal: Principal, cases: CaseView[], network: NetworkSnapshot): Promise<CaseView[]> {
    if (cases.length === 0) return cases;
    const stored = await this.incidents.storedCases(cases.map((c) => c.id));
    const sources = stored.map((c) => ({
      id: c.id,
      kind: 'incident' as const,
      tlp: parseTlpLabel(c.tlp),
      authorOrgId: c.reporterOrgId,
      recipientOrgIds: c.recipientOrgIds,
    }));
    const readable = new Set(screenSources(sources, { orgId: principal.organisation.id }, network).readable.map((r) => r.source.id));
    return cases.filter((c) => readable.has(c.id));
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
