// The API's edges as an attacker probes them: headers on every kind of answer, how much anyone may
// make it read before the key is checked, error bodies, and path parameters that are not ids.
import { jest } from '@jest/globals';
import { CONSOLE_CSP } from '@isac/console';
import { ApiKeysService } from '@isac/organisations';
import { collectionId } from '@isac/taxii';
import { API_CSP, DOCS_CSP } from '../../apps/api/src/security-headers.js';
import { basic, bearer } from '../factories/bearer.js';
import { envelope, indicator, TAXII } from '../factories/taxii.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { routerRoutes } from '../support/router-routes.js';

const JSON_LIMIT = 4096;
const BUNDLE_LIMIT = 64 * 1024;

describe('HTTP edges', () => {
  let hub: ApiHarness;
  let admin: string;
  let revoked: string;

  beforeAll(async () => {
    hub = await startApi({ env: { MAX_JSON_BYTES: String(JSON_LIMIT), MAX_BUNDLE_BYTES: String(BUNDLE_LIMIT), TAXII_MAX_CONTENT_LENGTH: String(BUNDLE_LIMIT) } });
    admin = await hub.key('centre', ['reporter', 'analyst', 'coordinator', 'admin']);
    revoked = await hub.key('energy', ['reporter', 'analyst']);
    await hub.app.get(ApiKeysService).revoke(revoked.split('.')[0]);
  });
  afterAll(() => hub.close());

  const routes = () => routerRoutes(hub.app);
  const call = (method: string, path: string) => (hub.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method.toLowerCase()](path);

  describe('headers', () => {
    const answers = () => ({
      'a read': hub.http.get('/api/v1/me').set(bearer(admin)),
      'no key': hub.http.get('/api/v1/advisories'),
      'unknown path': hub.http.get('/api/v1/nothing-here'),
      'malformed JSON': hub.http.post('/api/v1/organisations').set(bearer(admin)).set('Content-Type', 'application/json').send('{"slug":'),
      'an agenda export': hub.http.get(`/api/v1/meetings/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/agenda.html`).set(bearer(admin)),
      TAXII: hub.http.get('/taxii2/').set('Accept', TAXII),
      health: hub.http.get('/health/live'),
    });

    it('every API answer: nosniff, a CSP that runs and loads nothing and sandboxes, never framed, never cached, no X-Powered-By, a request id', async () => {
      for (const [what, pending] of Object.entries(answers())) {
        const res = await pending;
        const headers = { what, ...res.headers };
        expect(headers).toMatchObject({
          what,
          'x-content-type-options': 'nosniff',
          'content-security-policy': API_CSP,
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
          'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(headers).not.toHaveProperty('x-powered-by');
      }
      expect(API_CSP).toMatch(/default-src 'none'.*frame-ancestors 'none'.*sandbox/);
    });

    it("the console keeps its own policy and revalidation; the docs page get one that lets Swagger UI run its files only", async () => {
      const page = await hub.http.get('/').expect(200);
      expect(page.headers).toMatchObject({ 'content-security-policy': CONSOLE_CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
      const docs = await hub.http.get('/docs').expect(200);
      expect(docs.headers).toMatchObject({ 'content-security-policy': DOCS_CSP, 'x-content-type-options': 'nosniff' });
      expect(DOCS_CSP).not.toMatch(/script-src[^;]*unsafe/);
    });

    it('echoes a sane X-Request-Id and replaces one that is not', async () => {
      expect((await hub.http.get('/health/live').set('X-Request-Id', 'trace-42.a:b')).headers['x-request-id']).toBe('trace-42.a:b');
      for (const given of ['x'.repeat(101), 'has space', 'a<script>']) {
        expect((await hub.http.get('/health/live').set('X-Request-Id', given)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  });

  describe('body size', () => {
    const body = (bytes: number) => JSON.stringify({ padding: 'x'.repeat(bytes) });

    it(`every JSON route but the bundle ones refuses a body beyond MAX_JSON_BYTES (413), with a key or without`, async () => {
      const writes = routes().filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
      expect(writes.length).toBeGreaterThan(15);
      const wrong: string[] = [];
      let checked = 0;
      for (const route of writes) {
        if (/^\/api\/v1\/(incidents|stix\/validate|advisories|alerts)$|^\/taxii2\//.test(route.path)) continue;
        checked++;
        const path = route.path.replace(':slug', 'energy').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        for (const auth of [bearer(admin), {}] as Record<string, string>[]) {
          const res = await call(route.method, path).set(auth).set('Content-Type', 'application/json').send(body(JSON_LIMIT + 100));
          if (res.status !== 413 || res.body.code !== 'REQUEST.TOO_LARGE') wrong.push(`${route.method} ${route.path} ${auth.Authorization ? 'key' : 'no key'} → ${res.status}`);
        }
      }
      expect(checked).toBeGreaterThan(12);
      expect(wrong).toEqual([]);
    });

    it('a bundle route reads up to MAX_BUNDLE_BYTES for a valid key only: without one, or with a revoked or made-up one, MAX_JSON_BYTES', async () => {
      const large = body(JSON_LIMIT * 4);
      const validate = (auth: Record<string, string>) => hub.http.post('/api/v1/stix/validate').set(auth).set('Content-Type', 'application/json').send(large);
      expect((await validate(bearer(admin))).status).toBe(200);
      for (const auth of [{}, bearer(revoked), bearer(`${revoked.split('.')[0]}.${'A'.repeat(43)}`), { Authorization: 'Bearer junk' }] as Record<string, string>[]) {
        const res = await validate(auth);
        expect([auth.Authorization ?? 'none', res.status, res.body.code]).toEqual([auth.Authorization ?? 'none', 413, 'REQUEST.TOO_LARGE']);
      }
      expect((await hub.http.post('/api/v1/stix/validate').set(bearer(admin)).set('Content-Type', 'application/json').send(body(BUNDLE_LIMIT + 10))).status).toBe(413);
      // a small body without a key still meets the guard
      expect((await hub.http.post('/api/v1/stix/validate').set('Content-Type', 'application/json').send('{}')).status).toBe(401);
    });

    it('a bundle route checks the key once: the guard takes what the body parser found, a principal or a refusal', async () => {
      const resolve = jest.spyOn(hub.app.get(ApiKeysService), 'resolve');
      try {
        const validate = (auth: Record<string, string>) => hub.http.post('/api/v1/stix/validate').set(auth).set('Content-Type', 'application/json').send('{}');
        expect((await validate(bearer(admin))).status).toBe(200);
        expect(resolve).toHaveBeenCalledTimes(1);
        resolve.mockClear();
        // a made-up secret for a real prefix: one scrypt check, not two
        expect((await validate(bearer(`${admin.split('.')[0]}.${'B'.repeat(43)}`))).status).toBe(401);
        expect(resolve).toHaveBeenCalledTimes(1);
      } finally {
        resolve.mockRestore();
      }
    });

    it('a TAXII envelope larger than MAX_JSON_BYTES is taken from a client with a key (basic auth), refused as a TAXII error without one', async () => {
      const objects = Array.from({ length: 40 }, () => indicator('TLP:GREEN'));
      const text = JSON.stringify(envelope(objects));
      expect(text.length).toBeGreaterThan(JSON_LIMIT * 2);
      const url = `/taxii2/api/collections/${collectionId('alerts')}/objects/`;
      const post = (auth: Record<string, string>) => hub.http.post(url).set({ Accept: TAXII, 'Content-Type': TAXII, ...auth }).send(text);
      expect((await post(basic(admin, 'opencti'))).status).toBe(202);
      const anonymous = await post({});
      expect(anonymous.status).toBe(413);
      expect(anonymous.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1/);
    });
  });

  describe('errors', () => {
    it('no stack trace, file path or SQL in an error body', async () => {
      const answers = [
        await hub.http.post('/api/v1/organisations').set(bearer(admin)).set('Content-Type', 'application/json').send('{"slug": tru'),
        await hub.http.get("/api/v1/organisations/x'%20OR%201=1--").set(bearer(admin)),
        await hub.http.get('/api/v1/advisories?cursor=%27%3B%20SELECT%201').set(bearer(admin)),
        await hub.http.get('/api/v1/incidents?since=not-a-date').set(bearer(admin)),
      ];
      for (const res of answers) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.text).not.toMatch(/\s+at\s+\S+\s\(|node_modules|\.ts:\d+|SELECT\s|QueryFailed|syntax error at/);
      }
    });

    it('path parameters that are not ids are a 4xx on every route, never a 500', async () => {
      const wrong: string[] = [];
      for (const route of routes()) {
        if (!route.path.includes(':') || route.path === '/api/v1/events') continue;
        for (const value of ['not-a-uuid', '1', "'%3B--", '%E2%80%AE', 'x'.repeat(300), '00000000-0000-0000-0000-00000000000g']) {
          const path = route.path.replace(/:[A-Za-z]+/g, value);
          const taxii = path.startsWith('/taxii2');
          const req = call(route.method, path).set(taxii ? basic(admin) : bearer(admin)).set('Accept', taxii ? TAXII : 'application/json');
          const res = ['POST', 'PUT', 'PATCH'].includes(route.method) ? await req.set('Content-Type', taxii ? TAXII : 'application/json').send('{}') : await req;
          if (res.status < 400 || res.status >= 500) wrong.push(`${route.method} ${path.slice(0, 80)} → ${res.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
});
