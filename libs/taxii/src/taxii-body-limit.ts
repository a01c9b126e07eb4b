import type { NextFunction, Request, Response } from 'express';
import { reply } from './taxii-reply.js';
import { errorMessage } from './taxii-error.js';

/**
 * Express middleware for /taxii2: refuses an envelope larger than the API root's
 * max_content_length (§4.2.1; §5.5: 413) before its body is read, as a TAXII error. Registered in
 * apps/api before the JSON body parser, which reads application/taxii+json like any +json type.
 */
export function taxiiBodyLimit(maxContentLength: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (Number.isFinite(length) && length > maxContentLength) {
      reply(
        response,
        413,
        errorMessage(
          413,
          'TAXII.TOO_LARGE',
          'Request entity too large',
          `The envelope is ${length} bytes; this API root takes at most ${maxContentLength} (max_content_length).`,
        ),
        {
          Connection: 'close',
        },
      );
      return;
    }
    next();
  };
}
