import { Injectable } from '@nestjs/common';
import { AdvisoriesService, AdvisoryQueriesService } from '@isac/advisories';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { IncidentQueriesService } from '@isac/incidents';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { parseTlpLabel } from '@isac/tlp';
import { briefingMarkdown, composeBriefing, type Briefing, type BriefingDeadline, type BriefingSource } from './briefing.js';
import { BriefingRepository } from './briefing.repository.js';
import { MEETING_ERRORS } from '../errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BriefingResult {
  orgId: string;
  day: string;
  advisoryId: string;
  tlp: string;
  items: number;
  deadlines: number;
  alreadySent: boolean;
}

/** Opting in and out, and composing one organisation's briefing and delivering it to its inbox (and webhook). */
@Injectable()
export class BriefingService {
  constructor(
    private readonly briefings: BriefingRepository,
    private readonly advisoryQueries: AdvisoryQueriesService,
    private readonly advisories: AdvisoriesService,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly incidents: IncidentQueriesService,
  ) {}

  async subscribe(principal: Principal) {
    await this.briefings.subscribe(principal.organisation.id);
    return { organisation: principal.organisation.slug, subscribed: true };
  }

  async unsubscribe(principal: Principal) {
    await this.briefings.unsubscribe(principal.organisation.id);
    return { organisation: principal.organisation.slug, subscribed: false };
  }

  async status(principal: Principal) {
    return { organisation: principal.organisation.slug, subscribed: await this.briefings.isSubscribed(principal.organisation.id) };
  }

  subscribedOrgIds(): Promise<string[]> {
    return this.briefings.subscribedOrgIds();
  }

  /** What the briefing of `orgId` holds at `now`, judged by the TLP policy for that organisation. */
  async compose(orgId: string, now: Date): Promise<{ briefing: Briefing; network: NetworkSnapshot }> {
    const network = await this.directory.network();
    const since = new Date(now.getTime() - DAY_MS);
    const [{ advisories: published }, opened, due] = await Promise.all([
      // a day's worth, newest first: should a day ever hold more, the oldest are the ones left out
      this.advisoryQueries.publishedBetween(since, now, { limit: 10_000 }),
      this.incidents.casesOpenedBetween(since, now),
      this.incidents.casesDueBetween(now, new Date(now.getTime() + DAY_MS)),
    ]);
    const ownBriefings = await this.briefings.briefingAdvisoryIds(published.map((a) => a.id));
    const slug = (id: string) => network.byId(id)?.slug ?? id;
    const sources: BriefingSource[] = [
      ...published
        .filter((a) => !ownBriefings.has(a.id))
        .map((a): BriefingSource => ({
          kind: a.kind,
          id: a.id,
          title: a.title,
          tlp: a.tlp,
          authorOrgId: a.authorOrgId,
          authorSlug: slug(a.authorOrgId),
          recipientOrgIds: a.recipientOrgIds,
          at: a.publishedAt,
          severity: a.severity,
        })),
      ...opened.map((c): BriefingSource => ({
        kind: 'incident',
        id: c.id,
        title: c.name,
        tlp: parseTlpLabel(c.tlp),
        authorOrgId: c.reporterOrgId,
        authorSlug: slug(c.reporterOrgId),
        recipientOrgIds: c.recipientOrgIds,
        at: c.openedAt,
        ...(c.severity ? { severity: c.severity } : {}),
      })),
    ];
    const deadlines: BriefingDeadline[] = due
      .filter((c) => c.nextDueAt && c.nextDueClock)
      .map((c) => ({
        kind: 'incident',
        caseId: c.id,
        title: c.name,
        clock: c.nextDueClock!,
        due: c.nextDueAt!,
        tlp: parseTlpLabel(c.tlp),
        authorOrgId: c.reporterOrgId,
        authorSlug: slug(c.reporterOrgId),
        recipientOrgIds: c.recipientOrgIds,
      }));
    // published as the centre (see send): only what the centre may read too goes in
    return { briefing: composeBriefing({ readerOrgId: orgId, publisherOrgId: network.centre().id, network, sources, deadlines, now }), network };
  }

  /**
   * Sends the day's briefing once: an advisory from the centre to the organisation alone, under the
   * strictest marking it holds, so it lands in the inbox and is pushed to the webhook like any other.
   */
  async send(orgId: string, day: string, now = new Date()): Promise<BriefingResult> {
    const sent = await this.briefings.findSent(orgId, day);
    if (sent) return { orgId, day, advisoryId: sent.advisoryId, tlp: '', items: 0, deadlines: 0, alreadySent: true };
    const { briefing, network } = await this.compose(orgId, now);
    const reader = network.byId(orgId);
    if (!reader) throw new DomainError(MEETING_ERRORS.briefingNotFound, `No organisation ${orgId}.`);
    const { advisory } = await this.advisories.publish(
      { system: true, organisationId: network.centre().id },
      {
        title: `Daily briefing ${day}`,
        body: briefingMarkdown(briefing, reader.slug, now),
        severity: 'info',
        tlp: briefing.tlp,
        audience: { organisations: [reader.slug] },
      },
      { idempotencyKey: `briefing:${orgId}:${day}` },
    );
    await this.briefings.recordSent(orgId, day, advisory.id);
    const principal: Principal = {
      keyId: 'briefing',
      keyPrefix: 'briefing',
      roles: [],
      organisation: { id: reader.id, slug: reader.slug, kind: reader.kind, sector: reader.sector, parentId: reader.parentId },
    };
    await this.audit.recordReads(principal, briefing.reads, 'briefing');
    return { orgId, day, advisoryId: advisory.id, tlp: briefing.tlp, items: briefing.items.length, deadlines: briefing.deadlines.length, alreadySent: false };
  }
}
