// Issue 21 item 7: the API's logs are pino's, at the most talkative level they carry each request's
// id, key prefix and organisation, and never a key, in a header or anywhere else.
import { HubLogger } from '@isac/observability';
import { basic, bearer } from '../factories/bearer.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('request logs', () => {
  let hub: ApiHarness;
  const lines: string[] = [];
  const sink = { write: (line: string) => lines.push(line) };

  beforeAll(async () => {
    hub = await startApi({ env: { LOG_LEVEL: 'trace' }, logger: new HubLogger('trace', 'isac-api-test', { out: sink, err: sink }) });
  });
  afterAll(() => hub.close());

  it('logs each request with its id, key prefix and organisation, and no key in any line', async () => {
    const key = await hub.key('energy', ['analyst']);
    const [prefix, secret] = key.split('.');
    lines.length = 0;
    await hub.http.get('/api/v1/organisations').set(bearer(key)).set('X-Request-Id', 'logs-1').expect(200);
    await hub.http
      .get('/taxii2/')
      .set(taxiiHeaders(basic(key)))
      .set('X-Request-Id', 'logs-2')
      .expect(200);
    // a key that is no key: refused, and not written down either
    const forged = `${prefix}.${'A'.repeat(43)}`;
    await hub.http.get('/api/v1/organisations').set(bearer(forged)).set('X-Request-Id', 'logs-3').expect(401);
    const entries = lines.map((l) => JSON.parse(l));
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'isac-api-test',
        requestId: 'logs-1',
        path: '/api/v1/organisations',
        status: 200,
        key: prefix,
        org: 'energy',
      }),
      expect.objectContaining({ requestId: 'logs-2', path: '/taxii2/', status: 200, key: prefix, org: 'energy' }),
      expect.objectContaining({ requestId: 'logs-3', status: 401 }),
    ]);
    expect(requests[2].key).toBeUndefined();
    const output = lines.join('');
    for (const text of [key, secret, forged, Buffer.from(`taxii-client:${key}`).toString('base64')]) expect(output).not.toContain(text);
  });
});
