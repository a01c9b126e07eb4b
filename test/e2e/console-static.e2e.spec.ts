// The console's files: public, with a strict Content-Security-Policy and revalidating cache headers.
import { CONSOLE_CSP } from '@isac/console';
import { type ApiHarness, startApi } from '../support/api-harness.js';

describe('web console files', () => {
  let hub: ApiHarness;
  beforeAll(async () => {
    hub = await startApi();
  });
  afterAll(() => hub.close());

  it('serves the page at / without a key, under a CSP that allows no inline script or style and no other origin', async () => {
    const res = await hub.http.get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toContain('<script type="module" src="/console/js/main.js"></script>');
    // no inline script: every <script> names its file
    expect(res.text.match(/<script\b[^>]*>/g)!.every((tag) => /src="\/console\//.test(tag))).toBe(true);
  });

  it('serves modules with their type, revalidated by ETag', async () => {
    const res = await hub.http.get('/console/js/main.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    await hub.http.get('/console/js/main.js').set('If-None-Match', etag).expect(304);
    await hub.http.head('/console/console.css').expect(200).expect('content-type', 'text/css; charset=utf-8');
  });

  it('serves the two Markdown libraries at fixed paths with the same headers, and nothing else of node_modules', async () => {
    for (const url of ['/console/vendor/marked.esm.js', '/console/vendor/purify.es.mjs']) {
      const res = await hub.http.get(url).expect(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-cache');
      await hub.http.get(url).set('If-None-Match', res.headers.etag).expect(304);
    }
    // the ES module builds, as their packages ship them
    expect((await hub.http.get('/console/vendor/marked.esm.js')).text).toContain('export{');
    expect((await hub.http.get('/console/vendor/purify.es.mjs')).text).toContain('export { purify_default as default }');
    for (const url of ['/console/vendor/', '/console/vendor/package.json', '/console/vendor/marked.umd.js', '/console/vendor/purify.es.mjs.map', '/node_modules/marked/package.json', '/console/vendor/../../package.json', '/console/node_modules/dompurify/dist/purify.es.mjs']) {
      expect([url, (await hub.http.get(url)).status]).toEqual([url, 404]);
    }
  });

  it('an unknown console path is a problem+json 404; the API stays behind its key', async () => {
    const missing = await hub.http.get('/console/js/nope.js').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await hub.http.get('/console/../package.json').expect(404);
    await hub.http.get('/api/v1/me').expect(401);
    await hub.http.post('/').expect(404);
  });
});
