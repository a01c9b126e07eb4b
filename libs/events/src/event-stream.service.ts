import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { caseReadScope, PRINCIPAL_RESOLVER, readCredentials, type Principal, type PrincipalResolver } from '@isac/auth';
import { ConsoleEventsService } from './console-events.service.js';

const HEARTBEAT_MS = 20_000;

/**
 * One open text/event-stream and its heartbeat. A revoked key's stream ends as the revocation is
 * heard (ConsoleEventsService); the beat checks the key again too, should that announcement be lost.
 */
@Injectable()
export class EventStreamService {
  constructor(
    private readonly events: ConsoleEventsService,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
  ) {}

  open(principal: Principal, req: Request, res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ organisation: principal.organisation.slug })}\n\n`);
    const unsubscribe = this.events.subscribe({
      orgId: principal.organisation.id,
      keyId: principal.keyId,
      roles: principal.roles,
      caseScope: caseReadScope(principal),
      send: (event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      close: () => res.end(),
    });
    const heartbeat = setInterval(() => void this.beat(req, res), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private async beat(req: Request, res: Response): Promise<void> {
    const credentials = readCredentials(req.headers.authorization);
    const still = credentials.kind === 'key' ? await this.resolver.resolve(credentials.key).catch(() => null) : null;
    if (!still) res.end();
    else res.write(': keep-alive\n\n');
  }
}
