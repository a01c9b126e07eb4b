// Everything the hub hands out as STIX passes the hub's own validator (libs/stix): the objects of
// TAXII envelopes (sector, incidents, alerts collections; one object; its versions) and the STIX
// of advisories, whether posted over REST or published from a TAXII envelope. The incident case
// bundle (GET /api/v1/incidents/:id/bundle) is checked in incidents.e2e.spec.ts.
import { randomUUID } from 'node:crypto';
import { validateBundle } from '@isac/stix';
import { collectionId } from '@isac/taxii';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { basic, bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { envelope, indicator, malware, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { fileIncident } from '../support/incident-reads.js';

const ROOT = '/taxii2/api';
const collection = (alias: string) => `${ROOT}/collections/${collectionId(alias)}`;

/** The hub's own verdict on objects it emitted, wrapped as the bundle they would travel in. */
function verdict(objects: unknown) {
  expect(Array.isArray(objects) && objects.length > 0).toBe(true);
  return validateBundle({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
}

describe('STIX the hub emits is valid STIX 2.1', () => {
  let hub: AdvisoryHub;
  let energy: string;
  let centre: string;

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    await hub.startWorker();
    energy = await hub.key('energy', ['analyst', 'reporter']);
    centre = await hub.key('centre', ['analyst']);
  });
  afterAll(() => hub.close());

  const get = (path: string, key: string) => hub.http.get(path).set(taxiiHeaders(basic(key)));

  async function addAndWait(alias: string, objects: Record<string, unknown>[], key: string): Promise<void> {
    const res = await hub.http.post(`${collection(alias)}/objects/`).set({ ...taxiiHeaders(basic(key)), 'Content-Type': TAXII }).send(JSON.stringify(envelope(objects)));
    expect(res.status).toBe(202);
    await hub.until('envelope processed', async () => {
      const status = (await get(`${ROOT}/status/${res.body.id}/`, key)).body;
      return status.status === 'complete';
    });
    expect((await get(`${ROOT}/status/${res.body.id}/`, key)).body.success_count).toBe(objects.length);
  }

  it('a sector collection: the objects envelope, one object, its versions', async () => {
    const first = indicator('TLP:GREEN');
    const later = indicator('TLP:GREEN', { id: first.id as string, modified: '2026-02-02T10:00:00.000Z' });
    await addAndWait('energy', [first, malware('TLP:AMBER')], energy);
    await addAndWait('energy', [later], energy);

    const all = await get(`${collection('energy')}/objects/?limit=1000`, energy).expect(200);
    expect(verdict(all.body.objects)).toEqual({ valid: true, errors: [], warnings: [] });

    const one = await get(`${collection('energy')}/objects/${first.id}/?match[version]=all`, energy).expect(200);
    expect(one.body.objects).toHaveLength(2);
    // two versions of one object in one bundle are no duplicate: they differ in modified
    expect(verdict(one.body.objects)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('the incidents collection, from a filed case', async () => {
    await fileIncident(hub, energy, incidentBundle({ tlp: 'TLP:GREEN' }));
    const res = await get(`${collection('incidents')}/objects/?limit=1000`, centre).expect(200);
    expect(res.body.objects.some((o: { type: string }) => o.type === 'incident')).toBe(true);
    expect(verdict(res.body.objects)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('the alerts collection, and the STIX of a centre alert', async () => {
    const shared = indicator('TLP:GREEN');
    await addAndWait('alerts', [shared], centre);
    const res = await get(`${collection('alerts')}/objects/?limit=1000`, energy).expect(200);
    expect(res.body.objects.map((o: { id: string }) => o.id)).toContain(shared.id);
    expect(verdict(res.body.objects)).toEqual({ valid: true, errors: [], warnings: [] });

    const alert = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ stix: [indicator('TLP:GREEN')] })).expect(201);
    const read = await hub.http.get(`/api/v1/advisories/${alert.body.id}`).set(bearer(energy)).expect(200);
    expect(verdict(read.body.stix)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("an advisory's STIX, as its author and a recipient read it", async () => {
    const stix = [indicator('TLP:AMBER'), malware('TLP:AMBER')];
    const posted = await hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest({ stix })).expect(201);
    const read = await hub.http.get(`/api/v1/advisories/${posted.body.id}`).set(bearer(energy)).expect(200);
    expect(verdict(read.body.stix)).toEqual({ valid: true, errors: [], warnings: [] });

    const litware = await hub.key('litware', ['analyst']);
    await hub.until('routed', async () => (await hub.inboxCount(posted.body.id)).has('litware'));
    const inbox = await hub.http.get('/api/v1/inbox').set(bearer(litware)).expect(200);
    const entry = inbox.body.entries.find((e: { advisory: { id: string } }) => e.advisory.id === posted.body.id);
    const received = await hub.http.get(`/api/v1/advisories/${entry.advisory.id}`).set(bearer(litware)).expect(200);
    expect(verdict(received.body.stix)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('the advisory a TAXII envelope publishes carries valid STIX', async () => {
    const posted = indicator('TLP:GREEN');
    await addAndWait('energy', [posted], energy);
    const list = await hub.http.get('/api/v1/advisories?limit=100').set(bearer(energy)).expect(200);
    const published = (list.body.advisories as Array<{ id: string; stix: Array<{ id: string }> | null }>).find((a) => a.stix?.some((o) => o.id === posted.id));
    expect(published).toBeDefined();
    const found = (await hub.http.get(`/api/v1/advisories/${published!.id}`).set(bearer(energy)).expect(200)).body;
    expect(found).toBeDefined();
    expect(verdict(found!.stix)).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
