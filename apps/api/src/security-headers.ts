import type { NextFunction, Request, Response } from 'express';

/**
 * What the API answers is data (JSON, STIX, TAXII, agenda exports), never a page to run: a browser
 * that is led to open it (a link, a frame, a sniffed type) may neither run script in it nor load
 * anything for it, and it is an opaque origin (`sandbox`), so markup slipped into an export could
 * not reach the console's key in sessionStorage of the same origin. Inline style stays allowed for
 * the agenda's HTML export, which loads nothing.
 */
export const API_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'sandbox',
].join('; ');

/**
 * The OpenAPI page (Swagger UI): its own files and the one inline <style> it ships; it calls only
 * this API and is never framed.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers on every response, set before any handler runs so that errors, 404s and parser refusals
 * carry them too; a handler that needs another policy (the console's files, the event stream, the
 * metrics) sets its own over these.
 */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const docs = req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-');
    res.setHeader('Content-Security-Policy', docs ? DOCS_CSP : API_CSP);
    // answers hold TLP:AMBER and TLP:RED material for one key: no browser or proxy may keep a copy
    if (!docs) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
