// "Never a 500 for bad input" (STYLE.md rule 8), swept over every JSON body the REST API takes: each
// top-level field of a valid body replaced by a value of every other JSON kind (null included), and
// whole bodies that are not objects. Each answer is a 2xx, or a 4xx problem+json with a code and, for
// a validation failure, the pointer of the field concerned.
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { routerRoutes } from '../support/router-routes.js';

type Method = 'post' | 'put' | 'patch';
interface Endpoint {
  name: string;
  method: Method;
  path: () => string;
  key: () => string;
  body: () => Record<string, unknown>;
}

const OTHER_KINDS: unknown[] = ['a\u0000b', null, 0, -1.5, '', 'x', true, [], [null], {}, JSON.parse('{"__proto__":{"polluted":true}}'), { a: { b: { c: { d: [[[[{}]]]] } } } }];

describe('request bodies: no input gives a 500', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  let meetingId = '';
  let publishedId = '';
  let actionId = '';
  let advisoryId = '';
  const later = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

  beforeAll(async () => {
    hub = await startApi();
    keys.centre = await hub.key('centre', ['analyst', 'coordinator', 'admin']);
    keys.energy = await hub.key('energy', ['analyst', 'reporter', 'admin']);
    const meeting = async (series: string) => {
      const created = await hub.http
        .post('/api/v1/meetings')
        .set(bearer(keys.centre))
        .send({ title: 'Robustness meeting', startsAt: later(48), endsAt: later(51), participants: ['centre', 'energy'], series })
        .expect(201);
      await hub.http.post(`/api/v1/meetings/${created.body.id}/agenda/draft`).set(bearer(keys.centre)).expect(200);
      return created.body.id as string;
    };
    meetingId = await meeting('robustness');
    // minutes are kept for a published meeting
    publishedId = await meeting('robustness-published');
    await hub.http.post(`/api/v1/meetings/${publishedId}/publish`).set(bearer(keys.centre)).expect((res) => expect(res.status).toBeLessThan(300));
    const action = await hub.http.post(`/api/v1/meetings/${publishedId}/minutes/actions`).set(bearer(keys.centre)).send({ title: 'Check backups', owner: 'energy', due: '2027-03-01' }).expect(201);
    actionId = action.body.id;
    const advisory = await hub.http.post('/api/v1/advisories').set(bearer(keys.energy)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { sectors: ['energy'] } })).expect(201);
    advisoryId = advisory.body.id;
  });
  afterAll(() => hub.close());

  let slugs = 0;
  const endpoints: Endpoint[] = [
    { name: 'POST /advisories', method: 'post', path: () => '/api/v1/advisories', key: () => keys.energy, body: () => advisoryRequest() },
    { name: 'POST /alerts', method: 'post', path: () => '/api/v1/alerts', key: () => keys.centre, body: () => alertRequest() },
    { name: 'POST /advisories/:id/forward', method: 'post', path: () => `/api/v1/advisories/${advisoryId}/forward`, key: () => keys.energy, body: () => ({ organisations: ['litware'] }) },
    { name: 'PUT /organisations/:slug/webhook', method: 'put', path: () => '/api/v1/organisations/energy/webhook', key: () => keys.energy, body: () => ({ url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' }) },
    { name: 'POST /organisations', method: 'post', path: () => '/api/v1/organisations', key: () => keys.energy, body: () => ({ slug: `robust-${++slugs}`, name: 'Robust Energy' }) },
    { name: 'POST /incidents', method: 'post', path: () => '/api/v1/incidents', key: () => keys.energy, body: () => incidentBundle() as unknown as Record<string, unknown> },
    { name: 'POST /stix/validate', method: 'post', path: () => '/api/v1/stix/validate', key: () => keys.energy, body: () => incidentBundle() as unknown as Record<string, unknown> },
    {
      name: 'POST /meetings',
      method: 'post',
      path: () => '/api/v1/meetings',
      key: () => keys.centre,
      body: () => ({
        title: 'Q',
        startsAt: later(72),
        endsAt: later(74),
        location: 'Room 1',
        onlineUrl: 'https://meet.example/q',
        participants: ['centre'],
        tlp: 'TLP:GREEN',
        series: 'robustness-new',
        organizerEmail: 'meetings@ncsc.example',
        breaks: { everyMinutes: 90, breakMinutes: 15 },
      }),
    },
    { name: 'PATCH /meetings/:id', method: 'patch', path: () => `/api/v1/meetings/${meetingId}`, key: () => keys.centre, body: () => ({ title: 'Renamed', location: 'Room 3', breaks: { everyMinutes: 90, breakMinutes: 10 } }) },
    { name: 'POST /meetings/:id/proposals', method: 'post', path: () => `/api/v1/meetings/${meetingId}/proposals`, key: () => keys.energy, body: () => ({ title: 'Item', minutes: 10, tlp: 'TLP:GREEN' }) },
    {
      name: 'PATCH /meetings/:id/agenda',
      method: 'patch',
      path: () => `/api/v1/meetings/${meetingId}/agenda`,
      key: () => keys.centre,
      body: () => ({ operations: [{ op: 'add', item: { title: 'Extra', presenter: 'energy', minutes: 5 } }] }),
    },
    { name: 'POST /meetings/:id/minutes/decisions', method: 'post', path: () => `/api/v1/meetings/${publishedId}/minutes/decisions`, key: () => keys.centre, body: () => ({ agendaItemId: 'closing', text: 'Agreed.' }) },
    { name: 'POST /meetings/:id/minutes/actions', method: 'post', path: () => `/api/v1/meetings/${publishedId}/minutes/actions`, key: () => keys.centre, body: () => ({ title: 'Do it', owner: 'energy', due: '2027-03-01' }) },
    { name: 'PATCH /meetings/:id/minutes/actions/:id', method: 'patch', path: () => `/api/v1/meetings/${publishedId}/minutes/actions/${actionId}`, key: () => keys.centre, body: () => ({ status: 'open' }) },
  ];

  const send = (endpoint: Endpoint, body: unknown) =>
    hub.http[endpoint.method](endpoint.path())
      .set(bearer(endpoint.key()))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  function expectHandled(res: { status: number; body: { code?: string; errors?: { pointer: string }[] } }, where: string, field?: string) {
    if (res.status >= 500) throw new Error(`${where}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.status >= 400) {
      expect({ where, code: typeof res.body.code }).toEqual({ where, code: 'string' });
      if (['REQUEST.VALIDATION_FAILED', 'REQUEST.NUL_CHARACTER'].includes(res.body.code!) && field && res.body.errors!.length) {
        expect({ where, pointers: res.body.errors!.some((e) => e.pointer === `/${field}` || e.pointer.startsWith(`/${field}/`)) }).toEqual({ where, pointers: true });
      }
    }
  }

  it.each(endpoints.map((e) => [e.name, e] as const))('%s: the valid body is accepted', async (_name, endpoint) => {
    const res = await send(endpoint, endpoint.body());
    expect({ endpoint: endpoint.name, status: res.status < 300 ? 'ok' : `${res.status} ${JSON.stringify(res.body)}` }).toEqual({ endpoint: endpoint.name, status: 'ok' });
  });

  it('a U+0000 in a value or a key is refused at the edge with the pointer of each, nothing stored', async () => {
    const before = (await hub.http.get('/api/v1/advisories').set(bearer(keys.energy)).expect(200)).body.advisories.length;
    const res = await send(endpoints[0], { ...advisoryRequest(), title: 'a\u0000b', audience: { organisations: ['health'], 'x\u0000': 1 } });
    expect([res.status, res.body.code]).toEqual([400, 'REQUEST.NUL_CHARACTER']);
    expect(res.body.errors).toEqual([
      { pointer: '/title', detail: 'holds the character U+0000', code: 'nul' },
      { pointer: '/audience/x\u0000', detail: 'the key holds the character U+0000', code: 'nul' },
    ]);
    expect((await hub.http.get('/api/v1/advisories').set(bearer(keys.energy)).expect(200)).body.advisories.length).toBe(before);
  });

  it.each(endpoints.map((e) => [e.name, e] as const))('%s: every field as every other JSON kind answers 2xx or 4xx problem+json', async (_name, endpoint) => {
    for (const field of Object.keys(endpoint.body())) {
      for (const value of OTHER_KINDS) {
        const res = await send(endpoint, { ...endpoint.body(), [field]: value });
        expectHandled(res, `${endpoint.name} /${field} = ${JSON.stringify(value)}`, field);
      }
    }
  });

  it.each(endpoints.map((e) => [e.name, e] as const))('%s: a body that is not an object is refused', async (_name, endpoint) => {
    for (const body of [null, [], [{}], 'text', 42, true]) {
      const res = await send(endpoint, body);
      expectHandled(res, `${endpoint.name} body ${JSON.stringify(body)}`);
      // the dry run reports on anything it is given: "not a bundle" is its answer, not an error
      const reported = endpoint.name === 'POST /stix/validate' && res.status === 200 && res.body.valid === false;
      const refused = reported || (res.status >= 400 && res.status < 500);
      expect({ body, refused }).toEqual({ body, refused: true });
    }
  });

  const QUERIES: [string, () => string, string[]][] = [
    ['GET /advisories', () => keys.energy, ['cursor', 'limit', 'kind', 'severity', 'tlp']],
    ['GET /inbox', () => keys.energy, ['cursor', 'limit', 'unread']],
    ['GET /incidents', () => keys.energy, ['sector', 'stage', 'overdue', 'since', 'cursor', 'limit']],
    ['GET /audit', () => keys.centre, ['before', 'limit', 'itemId', 'readerOrgId']],
    ['GET /meetings', () => keys.centre, ['series', 'state']],
  ];
  const ODD_VALUES = ['\u0000', '', 'x', '-1', '0', '1.5', '99999999999999999999', '1e400', 'NaN', 'null', '%00', '%E0%A4%A', 'eyJ4IjoxfQ', '2026-13-45T99:00:00Z', '\'; DROP TABLE advisories; --'];

  it.each(QUERIES)('%s: odd query values and repeated parameters answer 200 or 400 problem+json', async (name, key, params) => {
    const path = `/api/v1/${name.split('/')[1]}`;
    for (const param of params) {
      for (const value of ODD_VALUES) {
        const res = await hub.http.get(`${path}?${param}=${encodeURIComponent(value)}`).set(bearer(key()));
        expectHandled(res, `${name}?${param}=${value}`, param);
        expect({ at: `${param}=${value}`, status: [200, 400].includes(res.status) }).toEqual({ at: `${param}=${value}`, status: true });
      }
      const twice = await hub.http.get(`${path}?${param}=1&${param}=2`).set(bearer(key()));
      expectHandled(twice, `${name}?${param} twice`, param);
    }
  });

  it.each(['/api/v1/advisories/%s', '/api/v1/incidents/%s', '/api/v1/incidents/%s/bundle', '/api/v1/meetings/%s', '/api/v1/meetings/%s/agenda.md', '/api/v1/organisations/%s'])(
    'GET %s with ids that are not ids answers 404 or 400, never 5xx',
    async (template) => {
      for (const id of ['x', '00000000-0000-0000-0000-000000000000', '%00', '..%2F..%2Fetc', 'a'.repeat(300), 'incident--not-a-uuid']) {
        const res = await hub.http.get(template.replace('%s', id)).set(bearer(keys.centre));
        expectHandled(res, `${template} ${id}`);
        expect({ id, status: [400, 404].includes(res.status) }).toEqual({ id, status: true });
      }
    },
  );

  // issue 14: 100,000 levels of nesting made class-transformer overflow its stack (a 500) on any route with a DTO
  const DEPTH = 100_000;
  const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
  const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

  it.each(endpoints.map((e) => [e.name, e] as const))('%s: a field nested 100,000 levels deep is a 400 problem+json', async (_name, endpoint) => {
    for (const deep of [deepArray, deepObject]) {
      for (const field of Object.keys(endpoint.body())) {
        const body = JSON.stringify({ ...endpoint.body(), [field]: 0 }).replace(`"${field}":0`, `"${field}":${deep}`);
        const res = await hub.http[endpoint.method](endpoint.path()).set(bearer(endpoint.key())).set('Content-Type', 'application/json').send(body);
        expect({ at: `${endpoint.name} /${field}`, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
          at: `${endpoint.name} /${field}`,
          status: 400,
          type: 'application/problem+json; charset=utf-8',
          code: 'REQUEST.TOO_DEEP',
        });
      }
    }
  });

  it('every route that takes a body, REST and TAXII, answers a deeply nested one with a 4xx in its own error format', async () => {
    const routes = routerRoutes(hub.app).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
    expect(routes.length).toBeGreaterThan(15);
    const taxiiKey = await hub.key('energy', ['analyst']);
    for (const route of routes) {
      const path = route.path.replace(/:collectionId/g, 'energy').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const taxii = path.startsWith('/taxii2/');
      for (const deep of [deepArray, `{"objects":${deepObject}}`]) {
        const res = await hub.http[route.method.toLowerCase() as Method](path)
          .set(bearer(taxii ? taxiiKey : keys.centre))
          .set('Content-Type', taxii ? 'application/taxii+json;version=2.1' : 'application/json')
          .set('Accept', taxii ? 'application/taxii+json;version=2.1' : 'application/json')
          .send(deep);
        const where = `${route.method} ${route.path}`;
        expect({ where, status: res.status }).toEqual({ where, status: 400 });
        if (taxii) {
          expect({ where, type: res.headers['content-type'], body: res.body }).toMatchObject({ where, type: 'application/taxii+json;version=2.1', body: { http_status: '400' } });
        } else {
          expect({ where, type: res.headers['content-type'], code: res.body.code }).toEqual({ where, type: 'application/problem+json; charset=utf-8', code: 'REQUEST.TOO_DEEP' });
        }
      }
    }
  });

  it('nothing reached the prototype of plain objects', () => {
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
