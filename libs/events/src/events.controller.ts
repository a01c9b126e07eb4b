import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '@isac/auth';
import { ConsoleEventsService } from './console-events.service.js';

const HEARTBEAT_MS = 20_000;

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly events: ConsoleEventsService) {}

  /** Server-sent events for the caller's organisation: `inbox` (entry added/changed) and `receipt` (of its own advisories). */
  @Get()
  @ApiOkResponse({ description: 'text/event-stream of `inbox`, `receipt` and `resync` events (JSON data with ids only)' })
  stream(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ organisation: principal.organisation.slug })}\n\n`);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const unsubscribe = this.events.subscribe({
      orgId: principal.organisation.id,
      send: (event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      close: () => res.end(),
    });
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
