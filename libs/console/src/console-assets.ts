import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The console's files ship as they are written (plain ES modules, no bundler). From source
 * (tests) they sit beside src/; from dist/ the repository's copy is used.
 */
export function consoleRoot(): { root: string | null; searched: string[] } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const searched = [path.resolve(here, '../public'), path.resolve(here, '../../../../libs/console/public')];
  return { root: searched.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null, searched };
}

/** Every file of the console, read once at boot: URL path (under /console/, index.html at /) → asset. */
export function loadConsoleAssets(root: string): Map<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (TYPES[path.extname(name)]) {
        const body = readFileSync(full);
        const url = '/console/' + path.relative(root, full).split(path.sep).join('/');
        assets.set(url, { body, contentType: TYPES[path.extname(name)], etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
      }
    }
  };
  walk(root);
  const index = assets.get('/console/index.html');
  if (index) assets.set('/', index);
  return assets;
}
