// Issue 14 (DESIGN §2 "No oracle"): an item the caller may not read answers exactly as one that does
// not exist — 404, the same code and body shape — on every route that names one by id.
import { randomUUID } from 'node:crypto';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';

/** The answer with the asked id written as <id>: what may differ between an unreadable and a missing item. */
function shape(res: { status: number; headers: Record<string, string>; body: unknown }, id: string) {
  return { status: res.status, type: res.headers['content-type'], body: JSON.parse(JSON.stringify(res.body).split(id).join('<id>')) };
}

describe('unreadable = missing = 404', () => {
  let hub: ApiHarness;
  let telecom: string;
  let redAdvisory: string;
  let strictCase: string;

  beforeAll(async () => {
    hub = await startApi();
    telecom = await hub.key('telecom', ['analyst', 'reporter']);
    const energy = await hub.key('energy', ['analyst']);
    const published = await hub.http.post('/api/v1/advisories').set(bearer(energy))
      .send(advisoryRequest({ tlp: 'TLP:RED', audience: { organisations: ['health'] } })).expect(201);
    redAdvisory = published.body.id;
    const litware = await hub.key('litware', ['reporter']);
    const filed = await hub.http.post('/api/v1/incidents').set(bearer(litware)).set('Content-Type', STIX)
      .send(JSON.stringify(incidentBundle({ tlp: 'TLP:AMBER+STRICT' }))).expect(201);
    strictCase = filed.body.id;
  });
  afterAll(() => hub.close());

  const routes: [string, (id: string) => { method: 'get' | 'post'; path: string; body?: object }, () => string][] = [
    ['GET /advisories/:id', (id) => ({ method: 'get', path: `/api/v1/advisories/${id}` }), () => redAdvisory],
    ['POST /advisories/:id/forward', (id) => ({ method: 'post', path: `/api/v1/advisories/${id}/forward`, body: { organisations: ['telenor'] } }), () => redAdvisory],
    ['POST /inbox/:id/read', (id) => ({ method: 'post', path: `/api/v1/inbox/${id}/read` }), () => redAdvisory],
    ['POST /inbox/:id/ack', (id) => ({ method: 'post', path: `/api/v1/inbox/${id}/ack` }), () => redAdvisory],
    ['GET /incidents/:id', (id) => ({ method: 'get', path: `/api/v1/incidents/${id}` }), () => strictCase],
    ['GET /incidents/:id/bundle', (id) => ({ method: 'get', path: `/api/v1/incidents/${id}/bundle` }), () => strictCase],
  ];

  it.each(routes)('%s: an existing item telecom may not read answers as a missing one', async (_, route, existing) => {
    const ask = async (id: string) => {
      const { method, path, body } = route(id);
      const req = hub.http[method](path).set(bearer(telecom));
      return body ? req.send(body) : req;
    };
    const missingId = randomUUID();
    const unreadable = shape(await ask(existing()), existing());
    const missing = shape(await ask(missingId), missingId);
    expect(unreadable.status).toBe(404);
    expect(unreadable).toEqual(missing);
  });
});
