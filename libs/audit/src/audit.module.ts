import { Global, Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditLogService } from './audit-log.service.js';

@Global()
@Module({ providers: [AuditLogRepository, AuditLogService], exports: [AuditLogService] })
export class AuditModule {}
