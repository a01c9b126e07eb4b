import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ConsoleAsset } from './console-assets.js';

/**
 * The browser builds of the console's two libraries, as their packages ship them: marked parses
 * Markdown bodies, DOMPurify sanitises the HTML it makes (public/js/markdown.js). Exactly these
 * files are served, each at a fixed URL under /console/vendor/ — never node_modules as a folder.
 */
export const CONSOLE_VENDOR_FILES = [
  { url: '/console/vendor/marked.esm.js', packageName: 'marked', file: 'marked.esm.js' },
  { url: '/console/vendor/purify.es.mjs', packageName: 'dompurify', file: 'purify.es.mjs' },
] as const;

/** The vendor files as console assets (URL → asset), and the names of those that could not be found. */
export function loadVendorAssets(): { assets: Map<string, ConsoleAsset>; missing: string[] } {
  const require = createRequire(import.meta.url);
  const assets = new Map<string, ConsoleAsset>();
  const missing: string[] = [];
  for (const { url, packageName, file } of CONSOLE_VENDOR_FILES) {
    let full: string | null = null;
    try {
      // the package's entry point sits beside its browser ES module build
      full = path.join(path.dirname(require.resolve(packageName)), file);
    } catch {
      full = null;
    }
    if (!full || !existsSync(full)) {
      missing.push(`${packageName}/${file}`);
      continue;
    }
    const body = readFileSync(full);
    assets.set(url, { body, contentType: 'text/javascript; charset=utf-8', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return { assets, missing };
}
