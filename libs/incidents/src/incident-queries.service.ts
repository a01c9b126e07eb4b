import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditLogService, type AuditChannel } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { PageCursors } from '@isac/cursors';
import { NetworkDirectory, stixIdentityFor, type NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { StixStoreService } from '@isac/stix-store';
import { canRead, parseTlpLabel, type Decision, type Network } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { CASE_ATTACHMENTS, type CaseAttachment, type CaseAttachments } from './case-attachments.js';
import { caseView, deadlinesOf, timelineView, type CaseView, type TimelineEntryView } from './case-view.js';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { IncidentCoordinationRepository, type CaseLink } from './incident-coordination.repository.js';
import type { IncidentMessageEntity } from './incident-message.entity.js';
import { IncidentNotices } from './incident-notices.service.js';
import type { LinkReason } from './link-keys.js';
import { nextOpenDeadline } from './reporting-clocks.js';
import { INCIDENT_ERRORS } from './errors.js';

export interface MessageView {
  id: string;
  kind: string;
  tlp: string;
  from: string;
  body: string;
  at: string;
}

export interface LinkView {
  case: { id: string; name: string; reporter: string; tlp: string; stage: string; state: 'open' | 'closed' };
  relationship: string;
  reasons: LinkReason[];
  linkedBy: string | null;
  at: string;
}

/** The centre's feedback with its content (issue 17); none for the bare call of before. */
export interface FeedbackContent {
  body: string;
  kind?: string;
}

export interface CaseListQuery {
  sector?: string;
  stage?: string;
  overdue?: boolean;
  since?: Date;
  /** open, closed or all; all when not said (the REST list defaults to open) */
  state?: 'open' | 'closed' | 'all';
  cursor?: string;
  limit?: number;
  /** only the cases this organisation reported (a reporter's key that is not an analyst's: caseReadScope) */
  reporterOrgId?: string;
  /** true: exercise cases only; otherwise real ones only (issue 19: an exercise stays apart from real work) */
  exercise?: boolean;
}

/** Which cases a read may reach beyond the TLP policy's say: all it allows, or one reporter's only. */
export interface CaseScope {
  reporterOrgId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SCANS = 20;

/** A position in the list (the last case scanned, which the caller may not read): sealed, DESIGN §2 "No oracle". */
interface ListPosition {
  openedAt: Date;
  id: string;
}

function openCursor(cursors: PageCursors, cursor: string): ListPosition {
  const position = cursors.open('incidents', cursor);
  if (position) return { openedAt: position.at, id: position.id };
  throw new DomainError(INCIDENT_ERRORS.invalid, 'The cursor is not one this API gave out.', [
    { pointer: '/cursor', detail: 'use the `next` of the previous page' },
  ]);
}

const sealCursor = (cursors: PageCursors, position: ListPosition) => cursors.next('incidents', { at: position.openedAt, id: position.id });

/** Reading cases: every path asks canRead (the centre and the reporter's sector unit always; others as the TLP allows). */
@Injectable()
export class IncidentQueriesService {
  constructor(
    private readonly cases: IncidentCaseRepository,
    private readonly store: StixStoreService,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly cursors: PageCursors,
    private readonly coordination: IncidentCoordinationRepository,
    private readonly notices: IncidentNotices,
    private readonly unitOfWork: UnitOfWork,
    @Optional() @Inject(CASE_ATTACHMENTS) private readonly attachments?: CaseAttachments,
  ) {}

  private decide(c: IncidentCaseEntity, principal: Principal, network: NetworkSnapshot): Decision {
    return caseDecision(c, principal.organisation.id, network);
  }

  private auditItem(c: IncidentCaseEntity) {
    return { kind: 'incident', id: c.incidentId, tlp: c.tlp, authorOrgId: c.reporterOrgId };
  }

  /** The case if the principal may read it; 404 alike for a missing case and one it may not see. */
  async readable(principal: Principal, id: string, scope: CaseScope = {}): Promise<{ c: IncidentCaseEntity; network: NetworkSnapshot }> {
    const [c, network] = await Promise.all([UUID.test(id) ? this.cases.findById(id) : Promise.resolve(null), this.directory.network()]);
    // out of the scope is not found, as a case the policy hides (DESIGN §2: no oracle)
    if (!c || (scope.reporterOrgId !== undefined && c.reporterOrgId !== scope.reporterOrgId))
      throw new DomainError(INCIDENT_ERRORS.notFound, `No incident case ${id}.`);
    const decision = this.decide(c, principal, network);
    if (!decision.allowed) throw new DomainError(INCIDENT_ERRORS.notFound, `No incident case ${id}.`);
    await this.audit.recordReads(principal, [{ item: this.auditItem(c), decision }], 'rest');
    return { c, network };
  }

  async get(
    principal: Principal,
    id: string,
    scope: CaseScope = {},
    now = new Date(),
  ): Promise<CaseView & { timeline: TimelineEntryView[]; messages: MessageView[]; links: LinkView[]; majorIncidents: CaseAttachment[] }> {
    const { c, network } = await this.readable(principal, id, scope);
    const [timeline, messages, links, majorIncidents] = await Promise.all([
      this.cases.timelineOf(c.id),
      this.readableMessages(principal, c, network),
      this.readableLinks(principal, c, network, scope),
      // issue 19: the rooms it is attached to, only those the caller may read, and only to an analyst's
      // key: rooms are the analysts' (README "Roles and keys"), a reporter's key reads its cases alone
      principal.roles.includes('analyst') && this.attachments ? this.attachments.readableFor(principal, c.id) : Promise.resolve([]),
    ]);
    return {
      ...caseView(c, network.byId(c.reporterOrgId)?.slug ?? c.reporterOrgId, timeline, now),
      timeline: timelineView(timeline),
      messages,
      links,
      majorIncidents,
    };
  }

  /** The case's conversation as far as the principal may read it (each message by its own TLP). */
  async messages(principal: Principal, id: string, scope: CaseScope = {}): Promise<{ messages: MessageView[] }> {
    const { c, network } = await this.readable(principal, id, scope);
    return { messages: await this.readableMessages(principal, c, network) };
  }

  /** The case's links to cases the principal may read (in its scope); the others are not mentioned at all. */
  async links(principal: Principal, id: string, scope: CaseScope = {}): Promise<{ links: LinkView[] }> {
    const { c, network } = await this.readable(principal, id, scope);
    return { links: await this.readableLinks(principal, c, network, scope) };
  }

  private async readableMessages(principal: Principal, c: IncidentCaseEntity, network: NetworkSnapshot): Promise<MessageView[]> {
    const reads: { message: IncidentMessageEntity; decision: Decision }[] = [];
    for (const message of await this.coordination.messagesOf(c.id)) {
      const decision = canRead(messageItem(message), { orgId: principal.organisation.id }, network);
      if (decision.allowed) reads.push({ message, decision });
    }
    await this.audit.recordReads(
      principal,
      reads.map((r) => ({
        item: { kind: 'incident-message', id: r.message.id, tlp: r.message.tlp, authorOrgId: r.message.authorOrgId },
        decision: r.decision,
      })),
      'rest',
    );
    return reads.map(({ message: m }) => ({
      id: m.id,
      kind: m.kind,
      tlp: m.tlp,
      from: network.byId(m.authorOrgId)?.slug ?? m.authorOrgId,
      body: m.body,
      at: m.createdAt.toISOString(),
    }));
  }

  private async readableLinks(principal: Principal, c: IncidentCaseEntity, network: NetworkSnapshot, scope: CaseScope): Promise<LinkView[]> {
    const links = await this.coordination.linksOf(c.id);
    const linked = new Map((await this.cases.findByIds(links.map((l) => l.linkedCaseId))).map((l) => [l.id, l]));
    const views: LinkView[] = [];
    const reads = [];
    for (const link of links) {
      const other = linked.get(link.linkedCaseId);
      // DESIGN §2 no oracle: a linked case the caller may not read is not mentioned, not even counted
      if (!other || (scope.reporterOrgId !== undefined && other.reporterOrgId !== scope.reporterOrgId)) continue;
      const decision = this.decide(other, principal, network);
      if (!decision.allowed) continue;
      reads.push({ item: this.auditItem(other), decision });
      views.push(linkView(link, other, network));
    }
    await this.audit.recordReads(principal, reads, 'rest');
    return views;
  }

  /** A page of the cases the principal may read; the reads are audited on `channel` (the feature reading, when not the REST list). */
  async list(
    principal: Principal,
    query: CaseListQuery,
    now = new Date(),
    channel: AuditChannel = 'rest',
  ): Promise<{ cases: CaseView[]; next: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const network = await this.directory.network();
    let after = query.cursor ? openCursor(this.cursors, query.cursor) : undefined;
    const found: IncidentCaseEntity[] = [];
    const reads = [];
    let more = true;
    // the TLP policy decides per case (never in SQL); scan pages of candidates until this one is full
    for (let scan = 0; scan < MAX_SCANS && found.length < limit && more; scan++) {
      const candidates = await this.cases.page({ ...query, after, limit, now });
      more = candidates.length === limit;
      for (const c of candidates) {
        after = { openedAt: c.openedAt, id: c.id };
        const decision = this.decide(c, principal, network);
        if (decision.allowed) {
          found.push(c);
          reads.push({ item: this.auditItem(c), decision });
        }
        if (found.length === limit) {
          more = true;
          break;
        }
      }
    }
    await this.audit.recordReads(principal, reads, channel);
    const timelines = await this.cases.timelinesOf(found.map((c) => c.id));
    const cases = found.map((c) => caseView(c, network.byId(c.reporterOrgId)?.slug ?? c.reporterOrgId, timelines.get(c.id) ?? [], now));
    return { cases, next: more && after ? sealCursor(this.cursors, after) : null };
  }

  /**
   * The stored cases of these ids, for a context that read them through `list` first (which applied
   * the policy and audited the reads) and needs what the view leaves out: the named recipients.
   */
  storedCases(ids: string[]): Promise<IncidentCaseEntity[]> {
    return this.cases.findByIds(ids);
  }

  /** The current version of every object filed on the case that the principal may read, as one STIX 2.1 bundle (§8). */
  async bundle(principal: Principal, id: string, scope: CaseScope = {}): Promise<{ type: 'bundle'; id: string; objects: Record<string, unknown>[] }> {
    const { c, network } = await this.readable(principal, id, scope);
    const ids = await this.cases.objectIdsOf(c.id);
    const objects = (await this.store.readCurrent(ids, c.reporterOrgId, principal)).map((r) => r.object);
    const reporter = network.byId(c.reporterOrgId);
    // the reporter's identity, so the bundle's created_by_ref resolves for any consumer
    if (reporter && !objects.some((o) => o.id === reporter.stixIdentityId)) objects.unshift(stixIdentityFor(reporter));
    return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
  }

  /** Real cases opened in [since, until): a daily briefing's candidates (the reader's TLP policy applies to each). */
  casesOpenedBetween(since: Date, until: Date): Promise<IncidentCaseEntity[]> {
    return this.cases.casesOpenedBetween(since, until);
  }

  /** Real cases with a deadline due in [from, to): a daily briefing's candidates (the reader's TLP policy applies to each). */
  casesDueBetween(from: Date, to: Date): Promise<IncidentCaseEntity[]> {
    return this.cases.casesDueBetween(from, to);
  }

  /**
   * NIS2 Art. 23(5): the centre's feedback to the reporter; the first stops the centre's 24 h clock.
   * With content (guidance, an assessment, a severity reassessment) each feedback is its own entry of
   * the timeline and reaches the reporter's inbox; the bare call records the first feedback once.
   */
  async feedback(principal: Principal, id: string, now = new Date(), content?: FeedbackContent): Promise<CaseView> {
    if (principal.organisation.kind !== 'centre') throw new DomainError(INCIDENT_ERRORS.forbidden, 'Feedback on an incident comes from the centre.');
    const { c: read, network } = await this.readable(principal, id);
    // under the case's lock, as filings and the clock sweep take it: the sweep never writes back a next deadline computed without this feedback
    const { c, timeline } = await this.unitOfWork.run(async () => {
      // gone while we waited for its lock (retention deletes closed cases): missing, as for any case
      const c = await this.cases.findByIdForUpdate(read.id);
      if (!c) throw new DomainError(INCIDENT_ERRORS.notFound, `No incident case ${id}.`);
      const entry = { caseId: c.id, kind: 'feedback' as const, stage: 'centre-feedback', at: now, byOrgId: principal.organisation.id };
      if (content) {
        const kind = content.kind ?? 'guidance';
        const entryId = await this.cases.addTimelineEntry({ ...entry, feedbackKind: kind, body: content.body, dedupeKey: null });
        // with the entry, in its transaction: the reporter gets the feedback in its inbox, under the case's TLP
        await this.notices.feedback(c, { id: entryId, kind, body: content.body });
      } else {
        await this.cases.addTimeline([{ ...entry, dedupeKey: `${c.id}:feedback` }]);
      }
      const timeline = await this.cases.timelineOf(c.id);
      // a closed case owes nothing: it keeps no next deadline
      const next = c.closedAt ? null : nextOpenDeadline(deadlinesOf(c, timeline, now));
      await this.cases.updateNextDue(c.id, next?.due ?? null, next?.clock ?? null);
      c.nextDueAt = next?.due ?? null;
      c.nextDueClock = next?.clock ?? null;
      return { c, timeline };
    });
    return caseView(c, network.byId(c.reporterOrgId)?.slug ?? c.reporterOrgId, timeline, now);
  }

  /** Issue 19: the purge of an exercise removes the cases it created (in the caller's unit of work); answers their ids. */
  purgeExercise(exerciseId: string): Promise<string[]> {
    return this.cases.purgeExercise(exerciseId);
  }
}

/** A case as the TLP policy reads it: its reporter the author, the centre and its sector unit the named recipients. */
export function caseDecision(c: Pick<IncidentCaseEntity, 'tlp' | 'reporterOrgId' | 'recipientOrgIds'>, readerOrgId: string, network: Network): Decision {
  const item = { tlp: parseTlpLabel(c.tlp), authorOrgId: c.reporterOrgId, recipientOrgIds: c.recipientOrgIds, kind: 'incident' as const };
  return canRead(item, { orgId: readerOrgId }, network);
}

/** A message as the TLP policy reads it: its own marking (never wider than the case's), the case's parties as recipients. */
export const messageItem = (m: Pick<IncidentMessageEntity, 'tlp' | 'authorOrgId' | 'recipientOrgIds'>) => ({
  tlp: parseTlpLabel(m.tlp),
  authorOrgId: m.authorOrgId,
  recipientOrgIds: m.recipientOrgIds,
});

function linkView(link: CaseLink, other: IncidentCaseEntity, network: NetworkSnapshot): LinkView {
  return {
    case: {
      id: other.id,
      name: other.name,
      reporter: network.byId(other.reporterOrgId)?.slug ?? other.reporterOrgId,
      tlp: other.tlp,
      stage: other.stage,
      state: other.closedAt ? 'closed' : 'open',
    },
    relationship: link.relationship,
    reasons: link.reasons,
    linkedBy: link.createdByOrgId ? (network.byId(link.createdByOrgId)?.slug ?? link.createdByOrgId) : null,
    at: link.createdAt.toISOString(),
  };
}
