import type { NextFunction, Request, Response } from 'express';
import { consoleRoot, loadConsoleAssets, type ConsoleAsset } from './console-assets.js';
import { loadVendorAssets } from './console-vendor.js';

/**
 * The console may run only its own files: no inline script or style, no other origin, never framed.
 * Inline SVG plots are markup, which 'self' covers; `data:` images are the downloads' previews.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function send(req: Request, res: Response, asset: ConsoleAsset): void {
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // file names carry no version: browsers keep a copy but ask (ETag) before each use, so a new release shows at once
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  res.status(200);
  if (req.method === 'HEAD') res.end();
  else res.end(asset.body);
}

/**
 * Express middleware serving the web console at `/` and `/console/*`, public (the API key is asked
 * for in the page). Without the console's files (an image built without them) the API still runs:
 * REST and TAXII do not need them; `warn` says so once at boot.
 */
export function consoleStatic(options: { warn?: (message: string) => void } = {}) {
  const { root, searched } = consoleRoot();
  if (!root) options.warn?.(`web console not served: its files are missing (looked in ${searched.join(', ')})`);
  const assets: Map<string, ConsoleAsset> = root ? loadConsoleAssets(root) : new Map();
  if (root) {
    // the Markdown libraries the console imports: served with the same headers as its own files
    const vendor = loadVendorAssets();
    if (vendor.missing.length) options.warn?.(`web console: ${vendor.missing.join(', ')} not found (npm install): message bodies cannot be shown`);
    for (const [url, asset] of vendor.assets) assets.set(url, asset);
  }
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = assets.get(req.path);
    if (!asset) return next();
    send(req, res, asset);
  };
}
