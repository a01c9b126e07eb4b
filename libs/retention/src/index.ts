// @isac/retention — how long each kind of record is kept, and the daily job that removes the rest (issue 20).
export * from './retention.module.js';
export { RetentionProcessor } from './retention.processor.js';
export { RetentionService, type RetentionReport } from './retention.service.js';
export { retentionPlan, MONTHS_AHEAD, type RetentionDays, type RetentionPlan } from './retention-plan.js';
export { RETENTION_QUEUE, RETENTION_SCHEDULE, type RetentionJobs } from './queues.js';
