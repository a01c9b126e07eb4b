import { Module } from '@nestjs/common';
import { InboxRetentionRepository } from '@isac/advisories';
import { AuditRetentionRepository } from '@isac/audit';
import { ClosedCaseRetentionRepository } from '@isac/incidents';
import { TaxiiStatusRetentionRepository } from '@isac/taxii';
import { RetentionLockRepository } from './retention-lock.repository.js';
import { RetentionService } from './retention.service.js';

/**
 * The retention run (the worker's RetentionProcessor goes to QueueHostModule); needs Persistence and
 * Config from the app. Each table's retention is its owner's repository, exported for this job.
 */
@Module({
  providers: [
    RetentionLockRepository,
    InboxRetentionRepository,
    AuditRetentionRepository,
    TaxiiStatusRetentionRepository,
    ClosedCaseRetentionRepository,
    RetentionService,
  ],
  exports: [RetentionService],
})
export class RetentionModule {}
