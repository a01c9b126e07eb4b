import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { EventStreamService } from './event-stream.service.js';

@ApiTags('events')
@ApiKeyAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly streams: EventStreamService) {}

  /**
   * Server-sent events for the caller's organisation: to an analyst's key `inbox` (entry added/changed)
   * and `receipt` (of its own advisories) and `major-incident` (a line added to a room it may read); to an
   * analyst's or a reporter's key `case` (a case it may read changed).
   */
  @Get()
  @ApiProblemResponses(403)
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: "Server-sent events for the caller's organisation" })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'text/event-stream of `ready`, `inbox`, `receipt` and `major-incident` (analyst keys), `case` (analyst and reporter keys) and `resync` events (JSON data with ids only)',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): void {
    this.streams.open(principal, req, res);
  }
}
