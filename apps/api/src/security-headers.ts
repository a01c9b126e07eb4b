import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What the API answers is data (JSON, STIX, TAXII, agenda exports), never a page to run: a browser
 * that is led to open it (a link, a frame, a sniffed type) may neither run script in it nor load
 * anything for it, and it is an opaque origin (`sandbox`), so markup slipped into an export could
 * not reach the console's key in sessionStorage of the same origin. Inline style stays allowed for
 * the agenda's HTML export, which loads nothing.
 */
const API_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  sandbox: [],
};

/**
 * The OpenAPI page (Swagger UI): its own files and the one inline <style> it ships; it calls only
 * this API and is never framed.
 */
const DOCS_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The header as helmet writes it (directives joined by `;`), for the tests that compare. */
const serialise = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
export const API_CSP = serialise(API_DIRECTIVES);
export const DOCS_CSP = serialise(DOCS_DIRECTIVES);

/**
 * helmet with the hub's choices: its defaults (nosniff, COOP and CORP same-origin, no referrer,
 * no DNS prefetch, no cross-domain policies, origin-keyed agent clusters) plus frames denied, and
 * our two policies. Strict-Transport-Security is not sent from here: TLS ends in front of the API
 * (HAProxy in ops/cluster.mjs, the cluster's load balancer in Kubernetes), the one place that knows
 * the hub's name is served over HTTPS only.
 */
const withPolicy = (directives: Directives) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });

/**
 * Headers on every response, set before any handler runs so that errors, 404s and parser refusals
 * carry them too; a handler that needs another policy (the console's files, the event stream, the
 * metrics) sets its own over these.
 */
export function securityHeaders() {
  const api = withPolicy(API_DIRECTIVES);
  const docs = withPolicy(DOCS_DIRECTIVES);
  return (req: Request, res: Response, next: NextFunction): void => {
    const isDocs = req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-');
    // answers hold TLP:AMBER and TLP:RED material for one key: no browser or proxy may keep a copy
    if (!isDocs) res.setHeader('Cache-Control', 'no-store');
    (isDocs ? docs : api)(req, res, next);
  };
}
