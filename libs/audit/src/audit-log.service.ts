import { Injectable } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { PageCursors } from '@isac/cursors';
import { DomainError } from '@isac/problems';
import type { Decision } from '@isac/tlp';
import { AuditLogRepository } from './audit-log.repository.js';
import { AUDIT_ERRORS } from './errors.js';

export interface AuditedItem {
  kind: string;
  id: string;
  tlp: string;
  authorOrgId: string;
}

/** Where a read happened: the API path, or the feature that read on the reader's behalf. */
export type AuditChannel = 'rest' | 'taxii' | 'inbox' | 'webhook' | 'agenda' | 'briefing' | 'insights';

@Injectable()
export class AuditLogService {
  constructor(
    private readonly entries: AuditLogRepository,
    private readonly cursors: PageCursors,
  ) {}

  /**
   * Records the reads the TLP policy flagged as audited (`decision.audited`): every read of an
   * AMBER, AMBER+STRICT or RED item by another organisation. Call it with what was returned.
   */
  async recordReads(reader: Principal, reads: { item: AuditedItem; decision: Decision }[], channel: AuditChannel): Promise<void> {
    const audited = reads.filter((r) => r.decision.allowed && r.decision.audited);
    await this.entries.append(
      audited.map(({ item }) => ({
        readerOrgId: reader.organisation.id,
        readerKeyPrefix: reader.keyPrefix,
        itemKind: item.kind,
        itemId: item.id,
        tlp: item.tlp,
        authorOrgId: item.authorOrgId,
        channel,
      })),
    );
  }

  async list(principal: Principal, query: { before?: string; limit?: number; itemId?: string; readerOrgId?: string }) {
    if (principal.organisation.kind !== 'centre' || !principal.roles.includes('admin')) {
      throw new DomainError(AUDIT_ERRORS.forbidden, "The audit log is for the centre's admins.");
    }
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
    const before = query.before === undefined ? undefined : this.openCursor(query.before);
    const entries = await this.entries.page({ ...query, before, limit });
    return {
      entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
      next: entries.length === limit ? this.cursors.next('audit', { id: entries[entries.length - 1].id }) : null,
    };
  }

  /** `before` is a sealed `next` (@isac/cursors), as every listing's cursor: an entry id of the caller's choosing is refused. */
  private openCursor(before: string): string {
    const position = this.cursors.open('audit', before);
    if (position) return position.id;
    throw new DomainError(AUDIT_ERRORS.invalid, 'before is not the next of a previous page.', [
      { pointer: '/before', detail: 'use the `next` of the previous page' },
    ]);
  }
}
