import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses, DomainError } from '@isac/problems';
import { InboxPageResponse, InboxReceiptResponse } from './dto/advisory.response.js';
import { InboxQueryDto } from './dto/list-query.dto.js';
import { InboxService } from './inbox.service.js';
import { ADVISORY_ERRORS } from './errors.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ADVISORY_ERRORS.inboxNotFound, 'No inbox entry with this id.') });

@ApiTags('inbox')
@ApiKeyAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Roles('analyst')
  @ApiOperation({
    summary:
      "The caller's organisation's inbox, newest first, a page at a time (?unread=true: not read yet; ?pending=true: not read yet or an asked acknowledgement not given)",
  })
  @ApiOkResponse({ type: InboxPageResponse })
  @ApiProblemResponses(400, 403)
  page(@CurrentPrincipal() principal: Principal, @Query() query: InboxQueryDto) {
    return this.inbox.page(principal, query);
  }

  @Post(':id/read')
  @Roles('analyst')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an inbox entry read (named by its advisory id)' })
  @ApiOkResponse({ type: InboxReceiptResponse })
  @ApiProblemResponses(403, 404)
  read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.inbox.markRead(principal, id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({
    summary:
      'Acknowledge an inbox entry, as an alert asks (analyst); an entry whose advisory asks for no acknowledgement is marked read only (requiresAck false, acknowledgedAt null)',
  })
  @ApiOkResponse({ type: InboxReceiptResponse })
  @ApiProblemResponses(403, 404)
  ack(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.inbox.acknowledge(principal, id);
  }
}
