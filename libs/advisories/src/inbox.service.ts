import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { PageCursors } from '@isac/cursors';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { canRead, type Decision } from '@isac/tlp';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoryMatchRepository } from './advisory-match.repository.js';
import { asReadable, auditItem } from './advisories.service.js';
import { inboxEntryView } from './advisory-view.js';
import { DeliveryRepository } from './delivery.repository.js';
import type { AdvisoryEntity } from './advisory.entity.js';
import type { DeliveryEntity } from './delivery.entity.js';
import { ADVISORY_ERRORS } from './errors.js';

/** The recipient's side: its inbox entries and their read and acknowledgement receipts. */
@Injectable()
export class InboxService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly advisories: AdvisoryRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly cursors: PageCursors,
    private readonly matches: AdvisoryMatchRepository,
  ) {}

  async page(principal: Principal, query: { cursor?: string; limit?: number; unread?: boolean; pending?: boolean }) {
    const after = query.cursor ? this.cursors.open('inbox', query.cursor) : null;
    if (after === undefined)
      throw new DomainError(ADVISORY_ERRORS.inboxInvalid, 'The cursor is not the `next` of a previous page.', [
        { pointer: '/cursor', detail: 'unknown cursor' },
      ]);
    const limit = query.limit ?? 50;
    const entries = await this.deliveries.inboxPage(principal.organisation.id, {
      unread: query.unread,
      pending: query.pending,
      after: after ? { deliveredAt: after.at.toISOString(), advisoryId: after.id } : null,
      limit,
    });
    const reader = { orgId: principal.organisation.id, parentId: principal.organisation.parentId };
    const advisories = new Map((await this.advisories.findByIdsFor(reader, [...new Set(entries.map((e) => e.advisoryId))])).map((a) => [a.id, a]));
    const network = await this.directory.network();
    // an inbox entry exists only where the policy allowed it; asking again keeps every read path on the one gate
    const shown: { entry: DeliveryEntity; advisory: AdvisoryEntity; decision: Decision }[] = [];
    for (const entry of entries) {
      const advisory = advisories.get(entry.advisoryId)!;
      const decision = canRead(asReadable(advisory), { orgId: principal.organisation.id }, network);
      if (decision.allowed) shown.push({ entry, advisory, decision });
    }
    await this.audit.recordReads(
      principal,
      shown.map((s) => ({ item: auditItem(s.advisory), decision: s.decision })),
      'inbox',
    );
    const last = entries.at(-1);
    // issue 18: what of this organisation's own register each targeted advisory matched
    const matched = await this.matches.matchesOf(principal.organisation.id, shown.map((s) => s.advisory.id));
    return {
      entries: shown.map((s) => inboxEntryView(s.entry, s.advisory, network, matched.get(s.advisory.id))),
      next: entries.length === limit && last ? this.cursors.next('inbox', { at: last.deliveredAt, id: last.advisoryId }) : null,
    };
  }

  /** `id` names an entry of the caller's inbox: its advisory's id, looked up with the caller's organisation only. */
  async markRead(principal: Principal, id: string) {
    return this.receipt(principal, id, await this.deliveries.markRead({ advisoryId: id, orgId: principal.organisation.id }));
  }

  async acknowledge(principal: Principal, id: string) {
    return this.receipt(principal, id, await this.deliveries.markAcked({ advisoryId: id, orgId: principal.organisation.id }));
  }

  /** `requiresAck` says whether the advisory asks for acknowledgement: an ack of one that does not only marks it read. */
  private async receipt(principal: Principal, id: string, entry: DeliveryEntity | null) {
    if (!entry) throw new DomainError(ADVISORY_ERRORS.inboxNotFound, `No entry ${id} in the inbox of ${principal.organisation.slug}.`);
    // the entry is the caller's, so its advisory was delivered to it under the policy
    const advisory = await this.advisories.findById(entry.advisoryId);
    return {
      id: entry.advisoryId,
      advisoryId: entry.advisoryId,
      requiresAck: advisory?.requiresAck ?? false,
      readAt: entry.readAt?.toISOString() ?? null,
      acknowledgedAt: entry.ackedAt?.toISOString() ?? null,
    };
  }
}
