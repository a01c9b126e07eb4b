// GET /metrics (DESIGN §7, Prometheus): the API's requests and, read from the shared state when
// scraped, the worker's heartbeat and queues, the advisory pipeline's backlog and overdue reports.
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const STIX = 'application/stix+json;version=2.1';

/** The value of one series in Prometheus text, e.g. value(text, 'isac_queue_jobs', { queue: 'route', state: 'waiting' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return m[4] === '+Inf' ? Infinity : Number(m[4]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let hub: AdvisoryHub;
  const keys: Record<string, string> = {};
  const scrape = async () => {
    const res = await hub.http.get('/metrics').set(bearer(keys.centre)).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return res.text;
  };

  beforeAll(async () => {
    hub = await startAdvisoryHub({ worker: false });
    keys.centre = await hub.key('centre', ['admin']);
    keys.energy = await hub.key('energy', ['analyst', 'reporter', 'admin']);
  });
  afterAll(() => hub.close());

  it('is for admin keys of the centre only', async () => {
    await hub.http.get('/metrics').expect(401);
    const refused = await hub.http.get('/metrics').set(bearer(keys.energy));
    expect([refused.status, refused.body.code]).toEqual([403, 'METRICS.FORBIDDEN']);
    // the hub's operators scrape it: an admin key of the centre, not its analysts'
    const analyst = await hub.http.get('/metrics').set(bearer(await hub.key('centre', ['analyst'])));
    expect([analyst.status, analyst.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
  });

  it('counts requests by route pattern and status, never by URL', async () => {
    await hub.http.get('/api/v1/me').set(bearer(keys.energy)).expect(200);
    await hub.http.get('/api/v1/me').set(bearer(keys.energy)).expect(200);
    await hub.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000').set(bearer(keys.energy)).expect(404);
    const text = await scrape();
    expect(value(text, 'isac_http_requests_total', { method: 'GET', route: '/api/v1/me', status: '200' })).toBe(2);
    expect(value(text, 'isac_http_requests_total', { method: 'GET', route: '/api/v1/incidents/:id', status: '404' })).toBe(1);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(value(text, 'isac_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/me' })).toBe(2);
    expect(value(text, 'isac_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows the backlog while no worker runs, and the queues once one beats', async () => {
    let text = await scrape();
    expect(value(text, 'isac_worker_heartbeat_age_seconds')).toBe(Infinity);
    expect(value(text, 'isac_queue_jobs', { queue: 'route', state: 'waiting' })).toBeUndefined();
    const published = await hub.http.post('/api/v1/advisories').set(bearer(keys.energy)).send(advisoryRequest({ audience: { organisations: ['health'] } })).expect(201);
    text = await scrape();
    expect(value(text, 'isac_advisory_outbox_rows')).toBe(1);
    expect(value(text, 'isac_advisory_outbox_oldest_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'isac_advisories_unrouted')).toBe(1);

    await hub.startWorker();
    await hub.until('routed', async () => (await hub.inboxCount(published.body.id)).get('health') === 1);
    await hub.until('a heartbeat', async () => Number.isFinite(value(await scrape(), 'isac_worker_heartbeat_age_seconds') ?? Infinity));
    text = await scrape();
    expect(value(text, 'isac_advisory_outbox_rows')).toBe(0);
    expect(value(text, 'isac_advisories_unrouted')).toBe(0);
    expect(value(text, 'isac_metrics_state_read_ok')).toBe(1);
    expect(value(text, 'isac_worker_heartbeat_age_seconds')).toBeLessThan(60);
    // every queue the worker serves, each state
    for (const queue of ['route', 'deliver-energy', 'deliver-centre', 'system']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect([queue, state, value(text, 'isac_queue_jobs', { queue, state })]).toEqual([queue, state, expect.any(Number)]);
    }
  });

  it('counts incident cases whose report is overdue', async () => {
    expect(value(await scrape(), 'isac_incident_cases_overdue')).toBe(0);
    // aware four days ago: the notification (72 hours) is overdue as the early warning is filed
    const awareAt = new Date(Date.now() - 4 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await hub.http.post('/api/v1/incidents').set(bearer(keys.energy)).set('Content-Type', STIX).send(JSON.stringify(incidentBundle({ extra: { first_seen: awareAt } }))).expect(201);
    expect(value(await scrape(), 'isac_incident_cases_overdue')).toBe(1);
  });
});
