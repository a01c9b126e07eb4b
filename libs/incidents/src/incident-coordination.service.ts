import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { parseTlpLabel, restrictionRank } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { caseView, deadlinesOf, type CaseView } from './case-view.js';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { IncidentCoordinationRepository } from './incident-coordination.repository.js';
import type { MessageKind } from './incident-message.entity.js';
import { IncidentNotices } from './incident-notices.service.js';
import { caseDecision, IncidentQueriesService, type CaseScope, type MessageView } from './incident-queries.service.js';
import type { LinkKey, LinkReason } from './link-keys.js';
import { nextOpenDeadline } from './reporting-clocks.js';
import { INCIDENT_ERRORS } from './errors.js';

export interface NewMessage {
  body: string;
  kind?: MessageKind;
  tlp?: string;
}

/** A closed case takes no new message until it is reopened (reading it still works). */
function refuseIfClosed(c: IncidentCaseEntity): void {
  if (c.closedAt) {
    throw new DomainError(INCIDENT_ERRORS.closed, `Case ${c.id} is closed: it takes no new message until it is reopened.`);
  }
}

/**
 * Cases worked together (DESIGN §8, issue 17): a conversation on the case, linked cases, closing and
 * reopening. Every path reads the case through IncidentQueriesService.readable first, so a case the
 * caller may not read is, here too, one that does not exist.
 */
@Injectable()
export class IncidentCoordinationService {
  private readonly logger = new Logger('IncidentCoordination');

  constructor(
    private readonly cases: IncidentCaseRepository,
    private readonly coordination: IncidentCoordinationRepository,
    private readonly queries: IncidentQueriesService,
    private readonly notices: IncidentNotices,
    private readonly directory: NetworkDirectory,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** A message on the case, under a TLP no wider than the case's, delivered to the case's parties' inboxes with it. */
  async postMessage(principal: Principal, id: string, input: NewMessage, scope: CaseScope = {}): Promise<MessageView> {
    const { c, network } = await this.queries.readable(principal, id, scope);
    refuseIfClosed(c);
    const caseTlp = parseTlpLabel(c.tlp) ?? 'TLP:AMBER+STRICT';
    const tlp = input.tlp === undefined ? caseTlp : parseTlpLabel(input.tlp);
    if (tlp === undefined)
      throw new DomainError(INCIDENT_ERRORS.invalid, `"${input.tlp}" is not a TLP label.`, [
        { pointer: '/tlp', detail: 'one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED' },
      ]);
    // DESIGN §8: all within the case's TLP — a message may be stricter, never wider
    if (restrictionRank(tlp) < restrictionRank(caseTlp)) {
      throw new DomainError(INCIDENT_ERRORS.messageTlpWiderThanCase, `A message on this case is ${caseTlp} or stricter; ${tlp} is wider.`, [
        { pointer: '/tlp', detail: `${tlp} is wider than the case's ${caseTlp}` },
      ]);
    }
    const message = await this.unitOfWork.run(async () => {
      // under the case's lock, as closing takes it: a message never lands on a case closed meanwhile
      refuseIfClosed((await this.cases.findByIdForUpdate(c.id)) ?? c);
      const saved = await this.coordination.addMessage({
        caseId: c.id,
        authorOrgId: principal.organisation.id,
        kind: input.kind ?? 'note',
        tlp,
        body: input.body,
        recipientOrgIds: [...new Set([c.reporterOrgId, ...c.recipientOrgIds])],
      });
      // with the message, in its transaction: an accepted message reaches every party's inbox (the outbox's guarantee)
      await this.notices.message(c, saved);
      return saved;
    });
    return {
      id: message.id,
      kind: message.kind,
      tlp: message.tlp,
      from: network.byId(message.authorOrgId)?.slug ?? message.authorOrgId,
      body: message.body,
      at: message.createdAt.toISOString(),
    };
  }

  /** A coordinator links two cases it may read (either unreadable: 404, as a missing one). */
  async linkByHand(principal: Principal, id: string, otherId: string) {
    const { c } = await this.queries.readable(principal, id);
    const { c: other } = await this.queries.readable(principal, otherId);
    if (c.id === other.id)
      throw new DomainError(INCIDENT_ERRORS.invalid, 'A case is not linked to itself.', [
        { pointer: '/caseId', detail: 'another case than the one in the path' },
      ]);
    await this.linkAndTell(c, other, [{ basis: 'manual', value: principal.organisation.slug }], principal.organisation.id);
    return this.queries.links(principal, c.id);
  }

  /**
   * After a report is filed (and committed): records what the case can be linked by and links it to
   * every other case, of any sector, sharing one of them. A failure is logged: the report stands.
   */
  async linkFiled(caseId: string, keys: LinkKey[]): Promise<void> {
    try {
      const matches = await this.coordination.addKeysAndMatch(caseId, keys);
      if (matches.size === 0) return;
      const [c, ...others] = await this.cases.findByIds([caseId, ...matches.keys()]).then((found) => {
        const byId = new Map(found.map((f) => [f.id, f]));
        return [byId.get(caseId), ...[...matches.keys()].map((k) => byId.get(k))];
      });
      if (!c) return;
      for (const other of others) if (other) await this.linkAndTell(c, other, matches.get(other.id) ?? [], null);
    } catch (error) {
      this.logger.warn({ msg: 'linking a filed case failed', case: caseId, err: String(error) });
    }
  }

  private async linkAndTell(c: IncidentCaseEntity, other: IncidentCaseEntity, reasons: LinkReason[], byOrgId: string | null): Promise<void> {
    const { changed } = await this.coordination.link(c.id, other.id, reasons, byOrgId);
    if (!changed) return;
    const network = await this.directory.network();
    await this.notices
      .linked(c, other, reasons, (target, orgId) => caseDecision(target, orgId, network).allowed)
      .catch((error) => this.logger.warn({ msg: 'link notice not sent', cases: [c.id, other.id], err: String(error) }));
  }

  /** The reporter or the centre closes the case: with its final report filed, or saying why. */
  async close(principal: Principal, id: string, reason: string | undefined, scope: CaseScope = {}, now = new Date()): Promise<CaseView> {
    return this.setState(principal, id, scope, now, async (c, timeline) => {
      if (c.closedAt) throw new DomainError(INCIDENT_ERRORS.alreadyClosed, `Case ${c.id} is closed already.`);
      const reasonGiven = reason !== undefined && reason.trim() !== '';
      if (!reasonGiven && !timeline.some((t) => t.kind === 'report' && t.stage === 'final')) {
        throw new DomainError(INCIDENT_ERRORS.closeReasonRequired, 'Without its final report filed, a case is closed with a reason.', [
          { pointer: '/reason', detail: 'say why the case is closed' },
        ]);
      }
      return { closed: { at: now, reason: reasonGiven ? reason!.trim() : null } };
    });
  }

  async reopen(principal: Principal, id: string, scope: CaseScope = {}, now = new Date()): Promise<CaseView> {
    return this.setState(principal, id, scope, now, async (c) => {
      if (!c.closedAt) throw new DomainError(INCIDENT_ERRORS.notClosed, `Case ${c.id} is open.`);
      return { closed: null };
    });
  }

  private async setState(
    principal: Principal,
    id: string,
    scope: CaseScope,
    now: Date,
    decide: (
      c: IncidentCaseEntity,
      timeline: Awaited<ReturnType<IncidentCaseRepository['timelineOf']>>,
    ) => Promise<{ closed: { at: Date; reason: string | null } | null }>,
  ): Promise<CaseView> {
    const { c: read, network } = await this.queries.readable(principal, id, scope);
    if (read.reporterOrgId !== principal.organisation.id && principal.organisation.kind !== 'centre') {
      throw new DomainError(INCIDENT_ERRORS.forbidden, 'A case is closed or reopened by its reporter or by the centre.');
    }
    const { c, timeline } = await this.unitOfWork.run(async () => {
      // gone while we waited for its lock (retention deletes closed cases): missing, as for any case
      const c = await this.cases.findByIdForUpdate(read.id);
      if (!c) throw new DomainError(INCIDENT_ERRORS.notFound, `No incident case ${id}.`);
      const before = await this.cases.timelineOf(c.id);
      const { closed } = await decide(c, before);
      await this.cases.addTimeline([
        { caseId: c.id, kind: closed ? 'closed' : 'reopened', stage: c.stage, at: now, byOrgId: principal.organisation.id, body: closed?.reason ?? null },
      ]);
      const timeline = await this.cases.timelineOf(c.id);
      // a closed case owes no report; reopened, its clocks run again as its reports stand
      const next = closed ? null : nextOpenDeadline(deadlinesOf(c, timeline, now));
      await this.cases.setClosed(c.id, closed, { at: next?.due ?? null, clock: next?.clock ?? null });
      Object.assign(c, {
        closedAt: closed?.at ?? null,
        closeReason: closed?.reason ?? null,
        nextDueAt: next?.due ?? null,
        nextDueClock: next?.clock ?? null,
        updatedAt: now,
      });
      return { c, timeline };
    });
    return caseView(c, network.byId(c.reporterOrgId)?.slug ?? c.reporterOrgId, timeline, now);
  }
}
