// Gathers what happened since the previous meeting of the series (DESIGN §6) through the other
// contexts' exported services. Nothing is screened here: every fact keeps its marking, author and
// recipients, and the pure core asks the TLP policy about each one for every participant.
//
// Alerts and advisories: @isac/advisories exports no read of a period's advisories with their
// named recipients, reach and acknowledgements (AdvisoriesService.list returns neither recipients
// nor receipts), so they cannot be judged for the participants. They are reported as a gap in the
// draft rather than guessed.
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '@isac/auth';
import { IncidentCaseEntity, IncidentQueriesService, type CaseView } from '@isac/incidents';
import type { NetworkSnapshot } from '@isac/organisations';
import { parseTlpLabel } from '@isac/tlp';
import type { ActionItem } from './minutes.js';
import type { MeetingEntity } from './meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MinutesRepository } from './minutes.repository.js';
import type { IncidentCaseFact, PeriodFacts, ProposalFact, Severity } from './period-facts.js';
import { standingItems, type StandingParticipant } from './standing-items.js';
import { actionFact } from './minutes-model.js';

export interface GatheredFacts {
  facts: PeriodFacts;
  /** Start of the period: the previous meeting's start in the series, null for its first meeting. */
  since: Date | null;
  previousMeetingId: string | null;
  /** Kinds of facts the hub could not gather, with why; shown to the coordinator with the draft. */
  gaps: { kind: string; reason: string }[];
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const PAGE = 200;
const MAX_PAGES = 50;

@Injectable()
export class PeriodFactsSource {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly minutes: MinutesRepository,
    private readonly incidents: IncidentQueriesService,
    private readonly dataSource: DataSource,
  ) {}

  async gather(principal: Principal, meeting: MeetingEntity, network: NetworkSnapshot, now: Date): Promise<GatheredFacts> {
    const previous = await this.meetings.previousInSeries(meeting);
    const since = previous?.startsAt ?? null;
    const [incidents, actionItems, proposals] = await Promise.all([
      this.incidentFacts(principal, since, network, now),
      this.openActions(meeting, network),
      this.proposals(meeting, network),
    ]);
    const participants: StandingParticipant[] = meeting.participantOrgIds.flatMap((orgId) => {
      const org = network.byId(orgId);
      return org ? [{ orgId, slug: org.slug, kind: org.kind, sector: org.sector ?? undefined }] : [];
    });
    return {
      facts: { incidents, alerts: [], advisories: [], actionItems, proposals, standing: standingItems(participants, network.centre().slug) },
      since,
      previousMeetingId: previous?.id ?? null,
      gaps: [
        {
          kind: 'alerts',
          reason: '@isac/advisories exports no read of alerts with their recipients and acknowledgements; alerts are not on this draft',
        },
        {
          kind: 'advisories',
          reason: '@isac/advisories exports no read of advisories with their recipients and reach; advisories are not on this draft',
        },
      ],
    };
  }

  /**
   * Incident cases opened in the period, read as the coordinator through the incidents context
   * (its list applies the policy to the coordinator and audits the reads). The stored case adds
   * the named recipients and the sector the pure core needs to judge and group each case.
   */
  private async incidentFacts(principal: Principal, since: Date | null, network: NetworkSnapshot, now: Date): Promise<IncidentCaseFact[]> {
    const views: CaseView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.incidents.list(principal, { ...(since ? { since } : {}), limit: PAGE, ...(cursor ? { cursor } : {}) }, now);
      views.push(...result.cases);
      if (!result.next) break;
      cursor = result.next;
    }
    if (views.length === 0) return [];
    const stored = await this.dataSource.getRepository(IncidentCaseEntity).findBy({ id: In(views.map((v) => v.id)) });
    const byId = new Map(stored.map((c) => [c.id, c]));
    return views.flatMap((view): IncidentCaseFact[] => {
      const c = byId.get(view.id);
      if (!c) return [];
      const reporter = network.byId(c.reporterOrgId);
      return [
        {
          id: view.id,
          title: view.name,
          sector: c.sector ?? reporter?.sector ?? 'unknown',
          // a case whose severity is not known yet ranks as medium: neither buried nor promoted
          severity: SEVERITIES.includes(view.severity as Severity) ? (view.severity as Severity) : 'medium',
          stage: view.stage,
          overdueReports: view.deadlines.filter((d) => d.owner === 'reporter' && d.overdue).map((d) => d.clock),
          affectedSectors: view.affectedSectors,
          awareAt: new Date(view.awareAt),
          tlp: parseTlpLabel(c.tlp),
          authorOrgId: c.reporterOrgId,
          authorSlug: reporter?.slug ?? c.reporterOrgId,
          recipientOrgIds: c.recipientOrgIds,
        },
      ];
    });
  }

  private async openActions(meeting: MeetingEntity, network: NetworkSnapshot): Promise<ActionItem[]> {
    return (await this.minutes.openInSeries(meeting.series, meeting.id)).map((a) => actionFact(a, network));
  }

  private async proposals(meeting: MeetingEntity, network: NetworkSnapshot): Promise<ProposalFact[]> {
    return (await this.meetings.proposalsOf(meeting.id)).map((p) => ({
      id: p.id,
      title: p.title,
      ...(p.minutes ? { minutes: p.minutes } : {}),
      submittedAt: p.createdAt,
      tlp: p.tlp,
      authorOrgId: p.authorOrgId,
      authorSlug: network.byId(p.authorOrgId)?.slug ?? p.authorOrgId,
      recipientOrgIds: p.recipientOrgIds,
    }));
  }
}
