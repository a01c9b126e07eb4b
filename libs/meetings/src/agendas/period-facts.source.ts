// Gathers what happened since the previous meeting of the series (DESIGN §6) through the other
// contexts' exported services. Nothing is screened here: every fact keeps its marking, author and
// recipients, and the pure core asks the TLP policy about each one for every participant.
import { Injectable } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { AdvisoryQueriesService, type PeriodAdvisory } from '@isac/advisories';
import { IncidentQueriesService, type CaseView } from '@isac/incidents';
import { InfrastructureService } from '@isac/infrastructure';
import type { NetworkSnapshot } from '@isac/organisations';
import { parseTlpLabel } from '@isac/tlp';
import type { ActionItem } from '../minutes/minutes.js';
import type { MeetingEntity } from '../meeting.entity.js';
import { MeetingRepository } from '../meeting.repository.js';
import { MinutesRepository } from '../minutes/minutes.repository.js';
import type { AdvisoryFact, AlertFact, IncidentCaseFact, PeriodFacts, ProposalFact, RegisterChangeFact, Severity } from './period-facts.js';
import { standingItems, type StandingParticipant } from './standing-items.js';
import { actionFact } from '../minutes/minutes-model.js';
import { proposalFact } from '../proposals.js';

export interface GatheredFacts {
  facts: PeriodFacts;
  /** Start of the period: the previous meeting's start in the series (by date, before this one), null for its first meeting. */
  since: Date | null;
  /**
   * End of the period: now, or this meeting's start when a later meeting of the series exists (what
   * happens after it is that meeting's period), whichever is earlier.
   */
  until: Date;
  previousMeetingId: string | null;
  /** Kinds of facts the hub could not gather, with why; shown to the coordinator with the draft. */
  gaps: { kind: string; reason: string }[];
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const PAGE = 200;
const MAX_PAGES = 50;

/**
 * At most this many of the period's advisories are considered: the newest, since the newest are
 * what the meeting discusses; the draft's gaps say how many older ones were left out.
 */
export const PUBLISHED_KEEP = 10_000;

// Advisories know an 'info' severity the agenda does not rank: it weighs as the lowest.
function severityOf(value: string): Severity {
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : 'low';
}

function marked(a: PeriodAdvisory, network: NetworkSnapshot) {
  return { tlp: a.tlp, authorOrgId: a.authorOrgId, authorSlug: network.byId(a.authorOrgId)?.slug ?? a.authorOrgId, recipientOrgIds: a.recipientOrgIds };
}

/**
 * Acknowledgement rates count only for alerts that asked for acknowledgement, and never for an alert
 * targeted at products or providers: counted per sector, its receipts would say how many
 * organisations of each sector run them, which only their registers' readers may know (issue 18).
 */
function alertFact(a: PeriodAdvisory, network: NetworkSnapshot): AlertFact {
  const acknowledgements =
    a.requiresAck && !a.targeted ? a.receipts.map((r) => ({ sector: r.sector, delivered: r.delivered, acknowledged: r.acknowledged })) : [];
  return { id: a.id, title: a.title, severity: severityOf(a.severity), issuedAt: a.publishedAt, acknowledgements, targeted: a.targeted, ...marked(a, network) };
}

/**
 * Reach is the audience resolved at publication, by sector and by organisation: the recipients the
 * audience names itself, not those a register match added (who runs a product is its register's).
 */
function advisoryFact(a: PeriodAdvisory, network: NetworkSnapshot): AdvisoryFact {
  const sectors = new Set(a.namedRecipientOrgIds.map((id) => network.byId(id)?.sector).filter((s): s is string => !!s));
  return {
    id: a.id,
    title: a.title,
    severity: severityOf(a.severity),
    publishedAt: a.publishedAt,
    reachSectors: sectors.size,
    reachOrganisations: a.namedRecipientOrgIds.length,
    ...marked(a, network),
  };
}

@Injectable()
export class PeriodFactsSource {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly minutes: MinutesRepository,
    private readonly incidents: IncidentQueriesService,
    private readonly advisories: AdvisoryQueriesService,
    private readonly infrastructure: InfrastructureService,
  ) {}

  async gather(principal: Principal, meeting: MeetingEntity, network: NetworkSnapshot, now: Date, keep = PUBLISHED_KEEP): Promise<GatheredFacts> {
    const [previous, later] = await Promise.all([this.meetings.previousInSeries(meeting), this.meetings.nextInSeries(meeting)]);
    const since = previous?.startsAt ?? null;
    const until = later && meeting.startsAt < now ? meeting.startsAt : now;
    const [incidents, published, actionItems, proposals] = await Promise.all([
      this.incidentFacts(principal, since, until, network, now),
      this.published(since, until, keep),
      this.openActions(meeting, network),
      this.proposals(meeting, network),
    ]);
    const participants: StandingParticipant[] = meeting.participantOrgIds.flatMap((orgId) => {
      const org = network.byId(orgId);
      return org ? [{ orgId, slug: org.slug, kind: org.kind, sector: org.sector ?? undefined }] : [];
    });
    const registerChanges = await this.registerChanges(participants, since, until, network);
    return {
      facts: {
        incidents,
        alerts: published.rows.filter((a) => a.kind === 'alert').map((a) => alertFact(a, network)),
        advisories: published.rows.filter((a) => a.kind === 'advisory').map((a) => advisoryFact(a, network)),
        actionItems,
        proposals,
        standing: standingItems(participants, network.centre().slug),
        registerChanges,
      },
      since,
      until,
      previousMeetingId: previous?.id ?? null,
      gaps: published.gaps,
    };
  }

  /** The period's newest `keep` advisories and alerts, without the agendas of earlier meetings (published as advisories too). */
  private async published(since: Date | null, now: Date, keep: number): Promise<{ rows: PeriodAdvisory[]; gaps: GatheredFacts['gaps'] }> {
    const { advisories: rows, total } = await this.advisories.publishedBetween(since, now, { limit: keep });
    const agendas = await this.meetings.agendaAdvisoryIds(rows.map((r) => r.id));
    const gaps: GatheredFacts['gaps'] = [];
    if (total > rows.length) {
      const from = rows[rows.length - 1].publishedAt.toISOString(); // newest first: the last is the oldest kept
      gaps.push({
        kind: 'advisories',
        reason: `${total} advisories and alerts in the period; only the newest ${rows.length} (published from ${from}) were considered, the oldest ${total - rows.length} were not`,
      });
    }
    return { rows: rows.filter((r) => !agendas.has(r.id)), gaps };
  }

  /**
   * Incident cases opened in the period, read as the coordinator through the incidents context
   * (its list applies the policy to the coordinator and audits the reads as the agenda's). The stored case adds
   * the named recipients and the sector the pure core needs to judge and group each case.
   */
  private async incidentFacts(principal: Principal, since: Date | null, until: Date, network: NetworkSnapshot, now: Date): Promise<IncidentCaseFact[]> {
    const views: CaseView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.incidents.list(principal, { ...(since ? { since } : {}), limit: PAGE, ...(cursor ? { cursor } : {}) }, now, 'agenda');
      views.push(...result.cases.filter((c) => new Date(c.openedAt) < until));
      if (!result.next) break;
      cursor = result.next;
    }
    if (views.length === 0) return [];
    const stored = await this.incidents.storedCases(views.map((v) => v.id));
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

  /** Changes to the registers of the sectors whose units take part (their overview items list them), each under its entry's marking. */
  private async registerChanges(participants: StandingParticipant[], since: Date | null, until: Date, network: NetworkSnapshot): Promise<RegisterChangeFact[]> {
    const sectors = [...new Set(participants.filter((p) => p.kind === 'sector-unit' && p.sector).map((p) => p.sector!))];
    const orgIds = sectors.flatMap((sector) => network.inSector(sector).map((o) => o.id));
    return (await this.infrastructure.changesBetween(orgIds, since, until)).map((c) => ({
      id: c.id,
      entryId: c.entryId,
      sector: network.byId(c.orgId)?.sector ?? 'unknown',
      change: c.change,
      name: c.name,
      kind: c.kind,
      criticality: c.criticality,
      fields: c.fields,
      at: c.at,
      tlp: c.tlp,
      authorOrgId: c.orgId,
      authorSlug: c.orgSlug,
      recipientOrgIds: c.recipientOrgIds,
    }));
  }

  private async openActions(meeting: MeetingEntity, network: NetworkSnapshot): Promise<ActionItem[]> {
    return (await this.minutes.openInSeries(meeting.series, meeting.id, meeting.startsAt)).map((a) => actionFact(a, network));
  }

  private async proposals(meeting: MeetingEntity, network: NetworkSnapshot): Promise<ProposalFact[]> {
    return (await this.meetings.proposalsOf(meeting.id)).map((p) => proposalFact(p, network));
  }
}
