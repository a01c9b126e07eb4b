import { Injectable, Logger } from '@nestjs/common';
import { InboxRetentionRepository, type InboxExpiry } from '@isac/advisories';
import { AuditRetentionRepository, type AuditMonthDropped } from '@isac/audit';
import { AppConfig } from '@isac/config';
import { ClosedCaseRetentionRepository } from '@isac/incidents';
import type { MonthMade } from '@isac/partitions';
import { TaxiiStatusRetentionRepository } from '@isac/taxii';
import { RetentionLockRepository } from './retention-lock.repository.js';
import { retentionPlan, type RetentionPlan } from './retention-plan.js';

export interface RetentionReport {
  /** false: another run held the lock, this one did nothing */
  ran: boolean;
  partitionsMade: MonthMade[];
  inbox: InboxExpiry | null;
  audit: { dropped: AuditMonthDropped[]; busy: string[] } | null;
  taxiiStatusesDeleted: number | null;
  closedCasesDeleted: string[] | null;
}

/**
 * Issue 20: keeps each kind of record as long as configured (RETENTION_*), and no longer. Makes the
 * months ahead of the partitioned tables first, so nothing waits on a removal that fails. The inbox
 * and the audit log lose whole monthly partitions; TAXII statuses and closed cases, rows.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly config: AppConfig,
    private readonly lock: RetentionLockRepository,
    private readonly inbox: InboxRetentionRepository,
    private readonly auditLog: AuditRetentionRepository,
    private readonly taxiiStatuses: TaxiiStatusRetentionRepository,
    private readonly closedCases: ClosedCaseRetentionRepository,
  ) {}

  async run(now = new Date()): Promise<RetentionReport> {
    const plan = retentionPlan(this.config, now);
    const held = await this.lock.whileHeld(() => this.apply(plan));
    if (held.ran) return held.result;
    this.logger.log({ msg: 'retention skipped: another run holds its lock' });
    return { ran: false, partitionsMade: [], inbox: null, audit: null, taxiiStatusesDeleted: null, closedCasesDeleted: null };
  }

  private async apply(plan: RetentionPlan): Promise<RetentionReport> {
    const partitionsMade = [...(await this.inbox.createMonths(plan.months)), ...(await this.auditLog.createMonths(plan.months))];
    for (const made of partitionsMade) {
      if (made.busy)
        this.logger.warn({ msg: 'partition not made: its table stayed busy past the lock timeout; the next run tries again', partition: made.partition });
      else this.logger.log({ msg: 'partition made', ...made });
    }

    const inbox = plan.inboxBefore ? await this.inbox.expireBefore(plan.inboxBefore) : null;
    const audit = plan.auditBefore ? await this.auditLog.dropMonthsBefore(plan.auditBefore) : null;
    for (const dropped of [...(inbox?.dropped ?? []), ...(audit?.dropped ?? [])]) this.logger.log({ msg: 'partition dropped', ...dropped });
    for (const partition of [...(inbox?.busy ?? []), ...(audit?.busy ?? [])])
      this.logger.warn({ msg: 'partition not dropped: its table stayed busy past the lock timeout; the next run tries again', partition });
    if (inbox?.deletedEntries) this.logger.log({ msg: 'inbox entries deleted', entries: inbox.deletedEntries, before: plan.inboxBefore });

    const taxiiStatusesDeleted = plan.taxiiStatusesBefore ? await this.taxiiStatuses.deleteFinishedBefore(plan.taxiiStatusesBefore) : null;
    if (taxiiStatusesDeleted) this.logger.log({ msg: 'TAXII statuses deleted', statuses: taxiiStatusesDeleted, before: plan.taxiiStatusesBefore });
    const closedCasesDeleted = plan.closedCasesBefore ? await this.closedCases.deleteClosedBefore(plan.closedCasesBefore) : null;
    if (closedCasesDeleted?.length) this.logger.log({ msg: 'closed cases deleted', cases: closedCasesDeleted, before: plan.closedCasesBefore });

    return { ran: true, partitionsMade, inbox, audit, taxiiStatusesDeleted, closedCasesDeleted };
  }
}
