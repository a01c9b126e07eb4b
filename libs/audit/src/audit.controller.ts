import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { AuditPageResponse } from './dto/audit.response.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditLogService } from './audit-log.service.js';

@ApiTags('audit')
@ApiKeyAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Who read what, newest first (admin; the centre sees every read, others reads of their own items)' })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditQueryDto) {
    return this.audit.list(principal, query);
  }
}
