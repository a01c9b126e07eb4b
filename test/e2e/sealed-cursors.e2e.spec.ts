// Issue 14 (DESIGN §2 "No oracle"): a listing's `next` may stop on a row the caller may not read
// (TAXII scans past hidden rows, the incident list past hidden cases). A cursor must then say
// nothing of that row, and a cursor the hub did not hand out is a 400.
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService } from '@isac/stix-store';
import { collectionId } from '@isac/taxii';
import { basic, bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { indicator, taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
const ENERGY = `/taxii2/api/collections/${collectionId('energy')}`;

/** Every way a cursor could carry a row's id or time: as text, base64 and base64url of it. */
function revealed(cursor: string, secrets: string[]): string[] {
  const readings = [cursor, Buffer.from(cursor, 'base64').toString('latin1'), Buffer.from(cursor, 'base64url').toString('latin1')];
  return secrets.filter((s) => readings.some((r) => r.includes(s)));
}

describe('sealed cursors', () => {
  let hub: ApiHarness;
  const redIds: string[] = [];
  let greenId: string;

  beforeAll(async () => {
    hub = await startApi();
    const network = await hub.app.get(NetworkDirectory).network();
    const store = hub.app.get(StixStoreService);
    const shared = { authorOrgId: network.bySlug('adatum')!.id, recipientOrgIds: [network.bySlug('energy')!.id], tlp: undefined };
    // more RED rows than one TAXII request scans at limit=1 (batches of 2, 4, … 4,096, then 5,000 rows, until
    // 10,000 are scanned: 13,190): litware, a member of energy, may read none of them
    const red = Array.from({ length: 15_000 }, () => indicator('TLP:RED'));
    for (const o of red) redIds.push(o.id as string);
    await store.store(red, shared);
    const green = indicator('TLP:GREEN');
    greenId = green.id as string;
    await store.store([green], shared);
  }, 120_000);
  afterAll(() => hub.close());

  describe('TAXII', () => {
    it.each(['objects', 'manifest'])('%s: an empty page past hidden rows hands out a next that names none of them, and paging still reaches what the caller may read', async (resource) => {
      const key = await hub.key('litware', ['analyst']);
      const first = await hub.http.get(`${ENERGY}/${resource}/?limit=1`).set(taxiiHeaders(basic(key))).expect(200);
      expect(first.body.objects).toBeUndefined();
      expect(first.body.more).toBe(true);
      const next: string = first.body.next;
      expect(revealed(next, [...redIds.map((id) => id.slice('indicator--'.length)), 'indicator', '2026-'])).toEqual([]);
      const second = await hub.http.get(`${ENERGY}/${resource}/?limit=1&next=${encodeURIComponent(next)}`).set(taxiiHeaders(basic(key))).expect(200);
      expect(second.body.objects.map((o: { id: string }) => o.id)).toEqual([greenId]);
    });

    it('a tampered, forged or foreign next is a 400 TAXII error', async () => {
      const key = await hub.key('litware', ['analyst']);
      const first = await hub.http.get(`${ENERGY}/objects/?limit=1`).set(taxiiHeaders(basic(key))).expect(200);
      const raw = Buffer.from(first.body.next as string, 'base64url');
      raw[raw.length - 20] ^= 1;
      // the old cursor format, naming a row of the caller's choice
      const forged = Buffer.from(JSON.stringify(['2026-01-01 00:00:00+00', redIds[0], '2026-02-01T10:00:00.000Z'])).toString('base64url');
      const incidents = await hub.http.get('/api/v1/incidents?limit=1').set(bearer(await hub.key('centre', ['analyst'])));
      for (const next of [raw.toString('base64url'), forged, 'x', incidents.body.next ?? forged]) {
        const res = await hub.http.get(`${ENERGY}/objects/?next=${encodeURIComponent(next)}`).set(taxiiHeaders(basic(key)));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toBe('application/taxii+json;version=2.1');
        expect(res.body).toMatchObject({ http_status: '400', title: expect.any(String) });
      }
    });
  });

  describe('REST incident list', () => {
    const caseIds: string[] = [];
    const incidentIds: string[] = [];

    beforeAll(async () => {
      const litware = await hub.key('litware', ['reporter']);
      // more AMBER+STRICT cases of litware than one list request scans at limit=1 (20), then one of telecom's own
      for (let i = 0; i < 22; i++) {
        const bundle = incidentBundle({ tlp: 'TLP:AMBER+STRICT' });
        const res = await hub.http.post('/api/v1/incidents').set(bearer(litware)).set('Content-Type', STIX).send(JSON.stringify(bundle)).expect(201);
        caseIds.push(res.body.id);
        incidentIds.push(bundle.objects[0].id as string);
      }
    }, 120_000);

    it('telecom, reading none of them, gets a next that names none of them; a tampered one is a 400 problem', async () => {
      const telecom = await hub.key('telecom', ['reporter', 'analyst']);
      const page = await hub.http.get('/api/v1/incidents?limit=1').set(bearer(telecom)).expect(200);
      expect(page.body.cases).toEqual([]);
      if (page.body.next !== null) {
        const secrets = [...caseIds, ...incidentIds.map((id) => id.slice('incident--'.length)), '2026-', '2027-'];
        expect(revealed(page.body.next, secrets)).toEqual([]);
        const more = await hub.http.get(`/api/v1/incidents?limit=1&cursor=${encodeURIComponent(page.body.next)}`).set(bearer(telecom)).expect(200);
        expect(more.body.cases).toEqual([]);
      }
      const forged = Buffer.from(`${new Date().toISOString()}|${caseIds[0]}`).toString('base64url');
      const res = await hub.http.get(`/api/v1/incidents?cursor=${forged}`).set(bearer(telecom)).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/cursor']);
    });

    it('the centre pages through every case with the sealed cursor, each once', async () => {
      const centre = await hub.key('centre', ['analyst']);
      const seen: string[] = [];
      let cursor: string | null = '';
      let res: { body: { cases: { id: string }[]; next: string | null } };
      while (cursor !== null) {
        res = await hub.http.get(`/api/v1/incidents?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(bearer(centre)).expect(200);
        seen.push(...res.body.cases.map((c: { id: string }) => c.id));
        cursor = res.body.next;
      }
      expect(seen.sort()).toEqual([...caseIds].sort());
    });
  });

  describe('REST audit log', () => {
    it('next is sealed: it pages the log and a forged one (an entry id) is a 400', async () => {
      const admin = await hub.key('centre', ['admin']);
      const first = await hub.http.get('/api/v1/audit?limit=1').set(bearer(admin)).expect(200);
      expect(first.body.entries).toHaveLength(1);
      expect(first.body.next).not.toBe(first.body.entries[0].id);
      const second = await hub.http.get(`/api/v1/audit?limit=1&before=${encodeURIComponent(first.body.next)}`).set(bearer(admin)).expect(200);
      expect(Number(second.body.entries[0].id)).toBeLessThan(Number(first.body.entries[0].id));
      const res = await hub.http.get(`/api/v1/audit?before=${first.body.entries[0].id}`).set(bearer(admin)).expect(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/before']);
    });
  });
});
