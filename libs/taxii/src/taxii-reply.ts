import type { Response } from 'express';
import { TAXII_MEDIA_TYPE } from './media-type.js';

/**
 * Sends a TAXII response with its media type exactly as §1.6.8 writes it,
 * `application/taxii+json;version=2.1`: Express's send() and json() would rewrite it to
 * `application/taxii+json; version=2.1; charset=utf-8`, which clients comparing the media type
 * as a string refuse. A body given as a Buffer is JSON text already (an envelope, see resources.ts).
 */
export function reply(res: Response, status: number, body: object | Buffer, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).setHeader('Content-Type', TAXII_MEDIA_TYPE);
  // end() with the body itself: Node sets Content-Length from it (and encodes a string as it writes)
  if (Buffer.isBuffer(body)) res.end(body);
  else res.end(JSON.stringify(body), 'utf8');
}

/** A TAXII response without a payload (§5.7 delete), still with its media type: §3.1 asks it of every TAXII response. */
export function replyWithoutBody(res: Response, status: number): void {
  res.status(status).setHeader('Content-Type', TAXII_MEDIA_TYPE);
  res.end();
}
