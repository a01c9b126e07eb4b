import { Global, Module } from '@nestjs/common';
import { CursorsModule } from '@isac/cursors';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditLogService } from './audit-log.service.js';

@Global()
@Module({ imports: [CursorsModule], providers: [AuditLogRepository, AuditLogService], exports: [AuditLogService] })
export class AuditModule {}
