import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { HubLogger } from './hub-logger.js';
import { withoutSecretParams } from './log-redaction.js';
import { requestContext } from './request-context.js';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives each request an id (the caller's X-Request-Id when sane), echoes it, and logs the outcome at
 * info: one line per request, straight to pino, and nothing built when info is off.
 */
export function requestLogging(logger: HubLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const context = { requestId };
    res.on('finish', () => {
      if (!logger.pino.isLevelEnabled('info')) return;
      const principal = (req as Request & { principal?: { keyPrefix: string; organisation: { slug: string } } }).principal;
      const line: Record<string, unknown> = {
        context: 'HTTP',
        msg: 'request',
        method: req.method,
        path: withoutSecretParams(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      };
      if (principal) {
        line.key = principal.keyPrefix;
        line.org = principal.organisation.slug;
      }
      requestContext.run(context, () => logger.pino.info(line));
    });
    requestContext.run(context, next);
  };
}
