import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { DomainError } from '@isac/problems';
import { InboxQueryDto } from './dto/list-query.dto.js';
import { InboxService } from './inbox.service.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('INBOX.NOT_FOUND', 'No inbox entry with this id.') });

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  page(@CurrentPrincipal() principal: Principal, @Query() query: InboxQueryDto) {
    return this.inbox.page(principal, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.inbox.markRead(principal, id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('analyst')
  ack(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.inbox.acknowledge(principal, id);
  }
}
