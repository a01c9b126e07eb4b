// Every route the API serves, read from its router (not from a list kept by hand): without a key
// each one answers 401, except the few DESIGN §1 makes public (/health/*, /docs, the TLP:CLEAR
// feed, the console's files). A new controller that forgets its guard fails here. Then roles ×
// routes: every route is in the access table (ROUTE_ACCESS, which the README prints), a key with
// no role the route allows gets 403 AUTH.ROLE_REQUIRED, and a key with one is let through.
import { randomUUID } from 'node:crypto';
import { consoleRoot, loadConsoleAssets, loadVendorAssets } from '@isac/console';
import { ApiKeysService } from '@isac/organisations';
import { collectionId } from '@isac/taxii';
import { basic, bearer } from '../factories/bearer.js';
import { TAXII } from '../factories/taxii.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROUTE_ACCESS, routerRoutes, type Route, type RouteAccess } from '../support/router-routes.js';


const PUBLIC_COLLECTION = collectionId('public');
// a collection that exists but is not the public one: reaching it needs a key
const ALERTS_COLLECTION = collectionId('alerts');

/** Routes that need no key (DESIGN §1), as `METHOD /path` of the router; every one must exist. */
const PUBLIC_ROUTES = new Set([
  'GET /health/live',
  'GET /health/ready',
  // TAXII discovery and API root say where the public collection is; the collections list holds only it without a key
  'GET /taxii2',
  'GET /taxii2/api',
  'GET /taxii2/api/collections',
]);
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');
/** TAXII reads of the public collection (the TLP:CLEAR feed): public with its id, 401 with any other. */
const PUBLIC_FEED_READS = new Set([
  'GET /taxii2/api/collections/:collectionId',
  'GET /taxii2/api/collections/:collectionId/objects',
  'GET /taxii2/api/collections/:collectionId/objects/:objectId',
  'GET /taxii2/api/collections/:collectionId/objects/:objectId/versions',
  'GET /taxii2/api/collections/:collectionId/manifest',
]);

const fill = (path: string, collection = ALERTS_COLLECTION) =>
  path.replace(':collectionId', collection).replace(':objectId', `indicator--${randomUUID()}`).replace(':slug', 'energy').replace(/:[A-Za-z]+/g, randomUUID());

type Role = 'reporter' | 'analyst' | 'coordinator' | 'admin';
/** Keys of the centre (so that the centre-only checks behind a role are not what answers): each role alone, and unions without one role. */
const ROLE_SETS: Role[][] = [['reporter'], ['analyst'], ['coordinator'], ['admin'], ['reporter', 'coordinator', 'admin'], ['analyst', 'coordinator', 'admin'], ['reporter', 'analyst', 'admin'], ['reporter', 'analyst', 'coordinator']];
const allows = (access: RouteAccess, roles: Role[]) => access === 'public' || access === 'any key' || roles.some((r) => access.includes(r));

describe('access to every route', () => {
  let hub: ApiHarness;
  let routes: Route[];
  let revokedKey: string;

  beforeAll(async () => {
    hub = await startApi();
    routes = routerRoutes(hub.app);
    revokedKey = await hub.key('energy', ['reporter', 'analyst', 'coordinator', 'admin']);
    await hub.app.get(ApiKeysService).revoke(revokedKey.split('.')[0]);
  });
  afterAll(() => hub.close());
  const roleKeys = new Map<Role[], string>();
  const keyOf = async (roles: Role[]) => roleKeys.get(roles) ?? roleKeys.set(roles, await hub.key('centre', roles)).get(roles)!;

  const send = (route: Route, path: string, headers: Record<string, string>) => {
    const agent = hub.http as unknown as Record<string, (p: string) => import('supertest').Test>;
    const req = agent[route.method.toLowerCase()](path).set(headers);
    // a body where one is taken, so that the check is the key and not a missing body
    const type = route.path.startsWith('/taxii2') ? TAXII : 'application/json';
    return ['POST', 'PUT', 'PATCH'].includes(route.method) ? req.set('Content-Type', type).send('{}') : req;
  };
  const accept = (route: Route) => (route.path.startsWith('/taxii2') ? TAXII : 'application/json');

  it('reads every route of the OpenAPI document from the router, and the router holds more than the document (TAXII)', async () => {
    const doc = (await hub.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`));
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((r) => !served.has(r))).toEqual([]);
    expect(routes.some((r) => r.path.startsWith('/taxii2/'))).toBe(true);
    // the allow-lists name routes that exist: a renamed route cannot leave a stale public entry behind
    expect([...PUBLIC_ROUTES, ...PUBLIC_FEED_READS].filter((r) => !served.has(r))).toEqual([]);
  });

  it('answers 401 without a key on every route but the public ones', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.has(name) || isDocs(route.path)) continue;
      const res = await send(route, fill(route.path), { Accept: accept(route) });
      checked++;
      if (res.status !== 401) wrong.push(`${name} → ${res.status}`);
      else if (!route.path.startsWith('/taxii2')) {
        if (res.body.code !== 'AUTH.UNAUTHENTICATED' || !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${name} → 401 ${res.body.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(45);
  });

  it('answers 401 to a revoked key and to a key that is not one on every route but health and docs, TAXII basic auth included', async () => {
    const wrong: string[] = [];
    const credentials = {
      revoked: { Authorization: `Bearer ${revokedKey}` },
      'revoked, basic': basic(revokedKey),
      forged: { Authorization: `Bearer ${revokedKey.split('.')[0]}.${'A'.repeat(43)}` },
      garbage: { Authorization: 'Bearer not-a-key' },
      'other scheme': { Authorization: 'Token abc' },
    };
    for (const route of routes) {
      if (route.path.startsWith('/health/') || isDocs(route.path)) continue;
      for (const [what, header] of Object.entries(credentials)) {
        if (what.endsWith('basic') && !route.path.startsWith('/taxii2')) continue;
        // on the public feed too: a key that was sent and is not valid is never read as no key
        const res = await send(route, fill(route.path, PUBLIC_FEED_READS.has(`${route.method} ${route.path}`) ? PUBLIC_COLLECTION : ALERTS_COLLECTION), { Accept: accept(route), ...header });
        if (res.status !== 401) wrong.push(`${route.method} ${route.path} (${what}) → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('serves the public TLP:CLEAR feed and the console without a key', async () => {
    for (const name of PUBLIC_FEED_READS) {
      const [method, path] = name.split(' ');
      if (path.includes(':objectId')) continue; // no object stored: 404 is the answer, checked below
      const res = await send({ method, path }, fill(path, PUBLIC_COLLECTION), { Accept: TAXII });
      expect([name, res.status]).toEqual([name, 200]);
    }
    const missing = await send({ method: 'GET', path: '' }, `/taxii2/api/collections/${PUBLIC_COLLECTION}/objects/indicator--${randomUUID()}/`, { Accept: TAXII });
    expect(missing.status).toBe(404);
    const { root } = consoleRoot();
    const assets = [...loadConsoleAssets(root!).keys(), ...loadVendorAssets().assets.keys()];
    expect(assets.length).toBeGreaterThan(10);
    for (const url of assets) expect([url, (await hub.http.get(url)).status]).toEqual([url, 200]);
    for (const name of PUBLIC_ROUTES) {
      const [method, path] = name.split(' ');
      const res = await send({ method, path }, path, { Accept: path.startsWith('/taxii2') ? TAXII : 'application/json' });
      expect([name, res.status]).toEqual([name, 200]);
    }
    expect((await hub.http.get('/docs-json')).status).toBe(200);
  });

  it('holds every route of the router in the access table, and no route the router does not serve', () => {
    const served = routes.filter((r) => !isDocs(r.path)).map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => !(r in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !served.includes(r))).toEqual([]);
    // the public ones are those the 401 checks above leave out
    expect(Object.entries(ROUTE_ACCESS).filter(([, a]) => a === 'public').map(([r]) => r).sort()).toEqual(['GET /health/live', 'GET /health/ready', ...[...PUBLIC_ROUTES].filter((r) => r.startsWith('GET /taxii2') && !r.endsWith('collections'))].sort());
  });

  it('answers 403 AUTH.ROLE_REQUIRED to a key with no role the route allows, and lets a key with one of them through, on every route', async () => {
    const wrong: string[] = [];
    let refused = 0;
    let allowed = 0;
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const access = ROUTE_ACCESS[name];
      if (!access || access === 'public') continue;
      for (const roles of ROLE_SETS) {
        const key = await keyOf(roles);
        const request = send(route, fill(route.path), { Accept: route.path === '/api/v1/events' ? 'text/event-stream' : accept(route), ...bearer(key) });
        // the event stream stays open once let through: its headers are the answer
        const res = route.path === '/api/v1/events'
          ? await request.timeout({ deadline: 1_500 }).catch((error: { timeout?: number }) => (error.timeout ? { status: 200, body: {}, headers: {} as Record<string, string> } : Promise.reject(error)))
          : await request;
        const code = route.path.startsWith('/taxii2') ? res.body?.error_code : res.body?.code;
        const refusedByRole = res.status === 403 && code === 'AUTH.ROLE_REQUIRED';
        const what = `${name} [${roles.join(',')}] → ${res.status} ${code ?? ''}`;
        if (allows(access, roles)) {
          allowed++;
          if (refusedByRole || res.status === 401) wrong.push(`${what} (should be let through)`);
        } else {
          refused++;
          const type = String(res.headers['content-type']);
          const wantType = route.path.startsWith('/taxii2') ? 'application/taxii+json' : 'application/problem+json';
          if (!refusedByRole || !type.startsWith(wantType)) wrong.push(`${what} ${type} (should be 403 AUTH.ROLE_REQUIRED)`);
          else if (!route.path.startsWith('/taxii2') && !/needs a key with the role/.test(res.body.detail ?? '')) wrong.push(`${what}: detail ${res.body.detail}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(allowed).toBeGreaterThan(200);
  });

  it('serves the public feed to a caller without a key, and asks a key that is sent for the analyst role there too', async () => {
    const objects = `/taxii2/api/collections/${PUBLIC_COLLECTION}/objects/`;
    expect((await hub.http.get(objects).set('Accept', TAXII)).status).toBe(200);
    const admin = await keyOf(['admin']);
    const res = await hub.http.get(objects).set({ Accept: TAXII, ...bearer(admin) });
    expect([res.status, res.body.error_code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
    expect((await hub.http.get(objects).set({ Accept: TAXII, ...basic(await keyOf(['analyst'])) })).status).toBe(200);
    // discovery and the API root say where things are, to any key
    expect((await hub.http.get('/taxii2/').set({ Accept: TAXII, ...bearer(admin) })).status).toBe(200);
  });

  it('prints the access table in the README, a row per route', () => {
    const readme = readFileSync(path.resolve(process.cwd(), 'README.md'), 'utf8').split('\n## Roles and keys\n')[1].split('\n## ')[0];
    const rows = new Map([...readme.matchAll(/^\| `([A-Z]+ \/[^`]*)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]));
    const printed = (access: RouteAccess) => (access === 'public' ? 'anyone, no key' : access === 'any key' ? 'any key' : access.map((r) => `\`${r}\``).join(', '));
    const wrong = Object.entries(ROUTE_ACCESS).filter(([route, access]) => rows.get(route) !== printed(access)).map(([route, access]) => `${route}: README ${rows.get(route)}, table ${printed(access)}`);
    expect(wrong).toEqual([]);
    expect([...rows.keys()].filter((route) => !(route in ROUTE_ACCESS))).toEqual([]);
  });
});
