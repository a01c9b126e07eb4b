// The advisory list reads, of each advisory's recipients, only the reader and its parent where named
// (AdvisoryRepository.forReader). That trimmed list must decide exactly as the whole one would: a
// member of a named unit reads AMBER (not AMBER+STRICT or RED), a member of another unit and another
// unit read neither, and the author sees its own advisories and their STIX whole.
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { indicator } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('advisory list and detail with the recipients trimmed to the reader', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startApi();
    for (const org of ['health', 'energy', 'adatum', 'lamna-hospital', 'telecom']) keys[org] = await hub.key(org, ['analyst']);
    for (const tlp of ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const) {
      const res = await hub.http
        .post('/api/v1/advisories')
        .set(bearer(keys.health))
        .send(advisoryRequest({ title: `to energy ${tlp}`, tlp, audience: { organisations: ['energy'] }, stix: [indicator(tlp)] }));
      expect(res.status).toBe(201);
      ids[tlp] = res.body.id;
    }
  });
  afterAll(() => hub.close());

  const listed = async (org: string) => {
    const body = (await hub.http.get('/api/v1/advisories?limit=200').set(bearer(keys[org])).expect(200)).body;
    return new Map<string, { stix: unknown[] }>(body.advisories.map((a: { id: string; stix: unknown[] }) => [a.id, a]));
  };

  it.each([
    ['health', ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']],
    ['energy', ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']],
    ['adatum', ['TLP:AMBER']],
    ['lamna-hospital', []],
    ['telecom', []],
  ])('%s lists exactly %j of them, each with its STIX whole, and GET answers the same', async (org, readable) => {
    const list = await listed(org);
    for (const tlp of ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']) {
      const shown = list.get(ids[tlp]);
      expect([tlp, shown !== undefined]).toEqual([tlp, readable.includes(tlp)]);
      if (shown) expect(shown.stix).toHaveLength(1);
      const get = await hub.http.get(`/api/v1/advisories/${ids[tlp]}`).set(bearer(keys[org]));
      expect([tlp, get.status]).toEqual([tlp, readable.includes(tlp) ? 200 : 404]);
    }
  });
});
