export * from './audit-entry.entity.js';
export * from './audit-http.module.js';
export * from './audit-log.service.js';
export * from './audit.module.js';

import { AuditEntryEntity } from './audit-entry.entity.js';
export const AUDIT_ENTITIES = [AuditEntryEntity];
export * from './errors.js';
export { AuditRetentionRepository, AUDIT_LOG_PARTITIONING, type AuditMonthDropped } from './audit-retention.repository.js';
