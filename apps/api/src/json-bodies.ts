import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { readCredentials, type PrincipalResolver } from '@isac/auth';
import type { AppConfig } from '@isac/config';
import { refuseDeepJsonBody, refuseNulInJsonBody } from '@isac/problems';

/** The routes that take STIX bundles or TAXII envelopes, which may be large (MAX_BUNDLE_BYTES). */
const BUNDLE_ROUTES: [method: string, path: RegExp][] = [
  ['POST', /^\/api\/v1\/incidents\/?$/],
  ['POST', /^\/api\/v1\/stix\/validate\/?$/],
  ['POST', /^\/api\/v1\/(advisories|alerts)\/?$/],
  ['POST', /^\/taxii2\/api\/collections\/[^/]+\/objects\/?$/],
];

export const takesBundles = (method: string, path: string) => BUNDLE_ROUTES.some(([m, re]) => m === method && re.test(path));

/**
 * JSON bodies are read before the guard runs, so the parser's limit is what anyone may make the
 * API buffer and parse without a key. Every route takes up to MAX_JSON_BYTES; the bundle routes
 * take up to MAX_BUNDLE_BYTES, but only from a caller whose key is valid: without one the small
 * limit applies there too (413 beyond it, 401 from the guard below it).
 * STIX bundles come as application/stix+json (STIX 2.1 §1.6.1) as well as application/json.
 * Every body, of every route, is also refused beyond MAX_JSON_DEPTH levels of nesting (400
 * REQUEST.TOO_DEEP; a TAXII error under /taxii2/) before it is parsed, and with U+0000 in it.
 */
export function jsonBodies(config: AppConfig, resolver: PrincipalResolver): RequestHandler {
  const verify = (req: Request, res: Response, body: Buffer) => {
    // depth first: the NUL check walks the parsed body recursively
    refuseDeepJsonBody(req, res, body);
    refuseNulInJsonBody(req, res, body);
  };
  const options = { type: ['application/json', 'application/stix+json', 'application/*+json'], verify };
  const small = express.json({ ...options, limit: Math.min(config.MAX_JSON_BYTES, config.MAX_BUNDLE_BYTES) });
  const large = express.json({ ...options, limit: config.MAX_BUNDLE_BYTES });
  // named as body-parser names its own, so that Nest does not add its default JSON parser after this one
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    if (!takesBundles(req.method, req.path)) return small(req, res, next);
    const credentials = readCredentials(req.headers.authorization);
    if (credentials.kind !== 'key') return small(req, res, next);
    // what was found (null for a bad key) is left for the guard, which then does not check the key again
    resolver.resolve(credentials.key).then(
      (principal) => {
        (req as Request & { principal?: unknown }).principal = principal;
        (principal ? large : small)(req, res, next);
      },
      (error: unknown) => next(error),
    );
  };
}
