// TAXII 2.1 (OASIS Standard, 10 June 2021) walked end to end: discovery → API root → collections →
// add an envelope → status → objects with every filter and pagination → versions → manifest →
// object by id, and each error path with its TAXII error message.
import pg from 'pg';
import { collectionId, TAXII_QUEUE } from '@isac/taxii';
import { basic, bearer } from '../factories/bearer.js';
import { envelope, indicator, malware, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { inspectQueue } from '../support/bull-queue.js';

const ROOT = '/taxii2/api';
const ENERGY = `${ROOT}/collections/${collectionId('energy')}`;

describe('TAXII 2.1 server', () => {
  let hub: AdvisoryHub;
  let energyKey: string; // energy sector unit, analyst
  let litwareReader: string; // energy member without the analyst role
  let healthKey: string;

  beforeAll(async () => {
    hub = await startAdvisoryHub({ env: { TAXII_MAX_CONTENT_LENGTH: '20000' } });
    energyKey = await hub.key('energy', ['analyst']);
    litwareReader = await hub.key('litware', ['reporter']);
    healthKey = await hub.key('health', ['analyst']);
  });
  afterAll(() => hub.close());

  const get = (path: string, auth: Record<string, string> = {}) => hub.http.get(path).set(taxiiHeaders(auth));
  const post = (path: string, body: unknown, auth: Record<string, string>, contentType = TAXII) =>
    hub.http.post(path).set({ ...taxiiHeaders(auth), 'Content-Type': contentType }).send(JSON.stringify(body));

  async function addAndWait(path: string, objects: Record<string, unknown>[], auth: Record<string, string>) {
    const res = await post(`${path}/objects/`, envelope(objects), auth);
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    let status = res.body;
    await hub.until('status complete', async () => {
      status = (await get(`${ROOT}/status/${id}/`, auth)).body;
      return status.status === 'complete';
    });
    return status;
  }

  function expectTaxiiError(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;\s*version=2\.1/);
    expect(res.body).toEqual(expect.objectContaining({ title: expect.any(String), description: expect.any(String), http_status: String(status), error_code: expect.any(String) }));
  }

  describe('discovery, API root, collections (§4.1, §4.2, §5.1, §5.2)', () => {
    it('discovery names the API root, without credentials too', async () => {
      const res = await get('/taxii2/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;\s*version=2\.1/);
      // §4.1.1: API root URLs are HTTPS absolute URLs or relative ones; relative, whatever Host or scheme the client used
      expect(res.body.api_roots).toEqual(['/taxii2/api/']);
      expect(res.body.default).toBe(res.body.api_roots[0]);
      // as a client resolves it (taxii2-client: urljoin of the discovery URL and the root)
      expect(new URL(res.body.default, 'https://hub.example/taxii2/').href).toBe('https://hub.example/taxii2/api/');
    });

    it('the API root gives versions and max_content_length', async () => {
      const res = await get(`${ROOT}/`, basic(energyKey));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ versions: ['application/taxii+json;version=2.1'], max_content_length: 20000 }));
    });

    it('without credentials only the public collection is listed', async () => {
      const res = await get(`${ROOT}/collections/`);
      expect(res.status).toBe(200);
      expect(res.body.collections.map((c: { alias: string }) => c.alias)).toEqual(['public']);
      expect(res.body.collections[0]).toEqual(expect.objectContaining({ id: collectionId('public'), can_read: true, can_write: false, media_types: ['application/stix+json;version=2.1'] }));
    });

    it('can_read / can_write are computed for the caller (basic and bearer alike)', async () => {
      const energy = await get(`${ROOT}/collections/`, basic(energyKey));
      const flags = Object.fromEntries(energy.body.collections.map((c: { alias: string; can_read: boolean; can_write: boolean }) => [c.alias, [c.can_read, c.can_write]]));
      expect(flags).toEqual({
        public: [true, true],
        alerts: [true, false],
        telecom: [false, false],
        energy: [true, true],
        shipping: [false, false],
        transport: [false, false],
        health: [false, false],
        finance: [false, false],
        incidents: [true, false],
        exercise: [true, false],
      });
      // reading and writing are both the analyst's (DESIGN §1): a key without the role reads nothing
      const reader = await get(`${ROOT}/collections/${collectionId('energy')}/`, bearer(litwareReader));
      expect([reader.status, reader.body.error_code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
      const member = await get(`${ROOT}/collections/${collectionId('energy')}/`, bearer(await hub.key('litware', ['analyst'])));
      expect([member.body.can_read, member.body.can_write]).toEqual([true, true]);
    });
  });

  describe('errors (§3.6.1)', () => {
    it('406 when the client does not accept TAXII', async () => {
      const res = await hub.http.get('/taxii2/').set({ Accept: 'application/json' });
      expectTaxiiError(res, 406);
    });

    it('401 with WWW-Authenticate without credentials for a protected resource, or with a wrong key', async () => {
      const anonymous = await get(`${ENERGY}/objects/`);
      expectTaxiiError(anonymous, 401);
      expect(anonymous.headers['www-authenticate']).toMatch(/Basic/);
      const wrong = await get(`${ROOT}/collections/`, basic('isac_nope'));
      expectTaxiiError(wrong, 401);
      expect(wrong.headers['www-authenticate']).toMatch(/Basic/);
      expectTaxiiError(await get(`${ROOT}/status/00000000-0000-4000-8000-000000000000/`), 401);
    });

    it('404 for an unknown collection, object or status', async () => {
      expectTaxiiError(await get(`${ROOT}/collections/00000000-0000-4000-8000-000000000000/`, basic(energyKey)), 404);
      expectTaxiiError(await get(`${ENERGY}/objects/indicator--00000000-0000-4000-8000-000000000000/`, basic(energyKey)), 404);
      expectTaxiiError(await get(`${ROOT}/status/00000000-0000-4000-8000-000000000000/`, basic(energyKey)), 404);
    });

    it('403 reading without can_read, writing without can_write', async () => {
      expectTaxiiError(await get(`${ENERGY}/objects/`, basic(healthKey)), 403);
      expectTaxiiError(await get(`${ENERGY}/manifest/`, basic(healthKey)), 403);
      expectTaxiiError(await post(`${ENERGY}/objects/`, envelope([indicator('TLP:GREEN')]), basic(healthKey)), 403);
      expectTaxiiError(await post(`${ENERGY}/objects/`, envelope([indicator('TLP:GREEN')]), basic(litwareReader)), 403);
      expectTaxiiError(await post(`${ROOT}/collections/${collectionId('incidents')}/objects/`, envelope([indicator('TLP:GREEN')]), basic(energyKey)), 403);
    });

    it('400 for a bad filter value', async () => {
      for (const query of ['limit=0', 'added_after=yesterday', 'match[version]=newest', 'match[type]=Not%20A%20Type', 'next=garbage', 'match[colour]=red']) {
        const res = await get(`${ENERGY}/objects/?${query}`, basic(energyKey));
        expectTaxiiError(res, 400);
      }
    });

    it('malformed JSON and unknown paths under /taxii2/ are TAXII errors too, raised before any TAXII route', async () => {
      const malformed = await hub.http.post(`${ENERGY}/objects/`).set({ ...taxiiHeaders(basic(energyKey)), 'Content-Type': TAXII }).send('{"objects": [');
      expectTaxiiError(malformed, 400);
      expectTaxiiError(await get('/taxii2/api/no-such-resource/', basic(energyKey)), 404);
      // the REST API keeps its problem+json
      const rest = await hub.http.get('/api/v1/no-such-resource').set(basic(energyKey));
      expect(rest.status).toBe(404);
      expect(rest.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('415 for a wrong Content-Type, 413 beyond max_content_length, 422 for an empty envelope', async () => {
      expectTaxiiError(await post(`${ENERGY}/objects/`, envelope([indicator('TLP:GREEN')]), basic(energyKey), 'application/json'), 415);
      expectTaxiiError(await post(`${ENERGY}/objects/`, envelope([indicator('TLP:GREEN')]), basic(energyKey), 'application/stix+json;version=2.1'), 415);
      const big = envelope(Array.from({ length: 60 }, () => indicator('TLP:GREEN')));
      expectTaxiiError(await post(`${ENERGY}/objects/`, big, basic(energyKey)), 413);
      expectTaxiiError(await post(`${ENERGY}/objects/`, { objects: [] }, basic(energyKey)), 422);
    });
  });

  describe('add objects and status (§5.5, §4.3)', () => {
    it('202 pending, then exact successes and failures with reasons', async () => {
      const good = [indicator('TLP:GREEN'), malware('TLP:AMBER')];
      const unmarked = indicator(null);
      const broken: Record<string, unknown> = { ...indicator('TLP:GREEN'), pattern: "[ipv4-addr:value = '198.51.100.1'" };
      const strict = indicator('TLP:AMBER+STRICT');
      const res = await post(`${ENERGY}/objects/`, envelope([...good, unmarked, broken, strict]), basic(energyKey));
      expect(res.status).toBe(202);
      expect(res.body).toEqual(expect.objectContaining({ status: 'pending', total_count: 5, success_count: 0, failure_count: 0, pending_count: 5 }));
      const id = res.body.id;
      let status = res.body;
      await hub.until('status complete', async () => {
        status = (await get(`${ROOT}/status/${id}/`, basic(energyKey))).body;
        return status.status === 'complete';
      });
      expect(status).toEqual(expect.objectContaining({ total_count: 5, success_count: 3, failure_count: 2, pending_count: 0 }));
      // §2: an empty list is left out, never sent as []
      expect(status).not.toHaveProperty('pendings');
      expect(status.successes.map((s: { id: string }) => s.id).sort()).toEqual([...good, unmarked].map((o) => o.id).sort());
      // DESIGN §2: an object without a TLP marking takes the collection's default, and the status says so
      const unmarkedSuccess = status.successes.find((s: { id: string }) => s.id === unmarked.id);
      expect(unmarkedSuccess.message).toMatch(/default marking TLP:AMBER/);
      const failures = new Map(status.failures.map((f: { id: string; message: string }) => [f.id, f.message]));
      expect(failures.get(broken.id as string)).toMatch(/pattern/i);
      expect(failures.get(strict.id as string)).toMatch(/named organisations/);
      // what was stored became advisories to the collection's audience, one per marking (DESIGN §5),
      // published once the status is complete: awaited, not read at once
      let advisories: { id: string; tlp: string; n: number }[] = [];
      await hub.until('an advisory per marking', async () => {
        advisories = await hub.db.query(`SELECT id, tlp, jsonb_array_length(stix) AS n FROM advisories WHERE body LIKE $1 ORDER BY tlp`, [`%${id}%`]);
        return advisories.length >= 2;
      });
      expect(advisories.map((a) => [a.tlp, a.n])).toEqual([['TLP:AMBER', 2], ['TLP:GREEN', 1]]);
      await hub.until('routed to the energy sector', async () => (await hub.inboxCount(advisories[0].id)).has('litware'));
      const inbox = await hub.inboxCount(advisories[0].id);
      expect(inbox.has('health')).toBe(false);
      // the status is the poster's organisation's only
      expectTaxiiError(await get(`${ROOT}/status/${id}/`, basic(healthKey)), 404);
    });
  });

  describe('reading (§5.3, §5.4, §5.6, §5.8)', () => {
    let first: Record<string, unknown>;
    let second: Record<string, unknown>;
    let third: Record<string, unknown>;
    let bad: Record<string, unknown>;
    const collection = `${ROOT}/collections/${collectionId('telecom')}`;
    let telecomKey: string;

    beforeAll(async () => {
      telecomKey = await hub.key('telecom', ['analyst']);
      first = indicator('TLP:GREEN', { created: '2026-03-01T00:00:00.000Z' });
      second = { ...first, modified: '2026-03-02T00:00:00.000Z', name: 'second version' };
      third = { ...first, modified: '2026-03-03T00:00:00.000Z', name: 'third version' };
      bad = malware('TLP:GREEN');
      const status = await addAndWait(collection, [first, bad], basic(telecomKey));
      expect(status.success_count).toBe(2);
      expect((await addAndWait(collection, [second], basic(telecomKey))).success_count).toBe(1);
      expect((await addAndWait(collection, [third], basic(telecomKey))).success_count).toBe(1);
    });

    const versionsOf = (res: { body: { objects?: { id: string; modified: string }[] } }) =>
      (res.body.objects ?? []).filter((o) => o.id === first.id).map((o) => o.modified);

    it('match[version]: last by default, first, all, a timestamp, OR-ed', async () => {
      const k = basic(telecomKey);
      expect(versionsOf(await get(`${collection}/objects/`, k))).toEqual(['2026-03-03T00:00:00.000Z']);
      expect(versionsOf(await get(`${collection}/objects/?match[version]=last`, k))).toEqual(['2026-03-03T00:00:00.000Z']);
      expect(versionsOf(await get(`${collection}/objects/?match[version]=first`, k))).toEqual(['2026-03-01T00:00:00.000Z']);
      expect(versionsOf(await get(`${collection}/objects/?match[version]=all`, k))).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z']);
      expect(versionsOf(await get(`${collection}/objects/?match[version]=2026-03-02T00:00:00.000Z`, k))).toEqual(['2026-03-02T00:00:00.000Z']);
      expect(versionsOf(await get(`${collection}/objects/?match[version]=first,last`, k))).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z']);
    });

    it('match[id], match[type], match[spec_version]', async () => {
      const k = basic(telecomKey);
      const byId = await get(`${collection}/objects/?match[id]=${bad.id}`, k);
      expect(byId.body.objects.map((o: { id: string }) => o.id)).toEqual([bad.id]);
      const byType = await get(`${collection}/objects/?match[type]=malware`, k);
      expect(byType.body.objects.map((o: { type: string }) => o.type)).toEqual(['malware']);
      const both = await get(`${collection}/objects/?match[type]=malware,indicator`, k);
      expect(both.body.objects).toHaveLength(2);
      expect((await get(`${collection}/objects/?match[spec_version]=2.1`, k)).body.objects).toHaveLength(2);
      const none = await get(`${collection}/objects/?match[spec_version]=2.0`, k);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ more: false });
      expect(none.headers['x-taxii-date-added-first']).toBeUndefined();
    });

    it('object by id, its versions, the manifest; date_added headers', async () => {
      const k = basic(telecomKey);
      const object = await get(`${collection}/objects/${first.id}/`, k);
      expect(object.status).toBe(200);
      expect(object.body.objects).toEqual([third]);
      const all = await get(`${collection}/objects/${first.id}/?match[version]=all`, k);
      expect(all.body.objects.map((o: { modified: string }) => o.modified)).toHaveLength(3);
      const versions = await get(`${collection}/objects/${first.id}/versions/`, k);
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual({ more: false, versions: ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'] });
      expect(versions.headers['x-taxii-date-added-first']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      const manifest = await get(`${collection}/manifest/?match[version]=all`, k);
      expect(manifest.status).toBe(200);
      expect(manifest.body.objects).toHaveLength(4);
      for (const record of manifest.body.objects) {
        expect(record).toEqual({ id: expect.any(String), date_added: expect.stringMatching(/Z$/), version: expect.any(String), media_type: 'application/stix+json;version=2.1' });
      }
      expect(manifest.headers['x-taxii-date-added-first']).toBe(manifest.body.objects[0].date_added);
      expect(manifest.headers['x-taxii-date-added-last']).toBe(manifest.body.objects[3].date_added);
      // added_after the first date_added leaves the later three
      const after = await get(`${collection}/manifest/?match[version]=all&added_after=${manifest.body.objects[1].date_added}`, k);
      expect(after.body.objects.map((r: { date_added: string }) => r.date_added)).toEqual(manifest.body.objects.slice(2).map((r: { date_added: string }) => r.date_added));
    });
  });

  describe('delete (§5.7)', () => {
    it('the author deletes a version or the whole object; others are refused as §5.7 says', async () => {
      const collection = `${ROOT}/collections/${collectionId('shipping')}`;
      const author = basic(await hub.key('shipping', ['analyst']));
      const v1 = indicator('TLP:GREEN', { created: '2026-04-01T00:00:00.000Z' });
      const v2 = { ...v1, modified: '2026-04-02T00:00:00.000Z' };
      expect((await addAndWait(collection, [v1, v2], author)).success_count).toBe(2);
      const url = `${collection}/objects/${v1.id}/`;
      // a member of the sector may read it, but is not its author
      const member = basic(await hub.key('wideworld', ['analyst']));
      expectTaxiiError(await hub.http.delete(url).set(taxiiHeaders(member)), 403);
      // §5.7's table: neither can_read nor can_write is 404; a key without the analyst role is refused before (403)
      expectTaxiiError(await hub.http.delete(url).set(taxiiHeaders(basic(await hub.key('wideworld', ['reporter'])))), 403);
      expectTaxiiError(await hub.http.delete(url).set(taxiiHeaders(basic(healthKey))), 404);
      expectTaxiiError(await hub.http.delete(`${collection}/objects/indicator--00000000-0000-4000-8000-000000000000/`).set(taxiiHeaders(author)), 404);
      const latest = await hub.http.delete(`${url}?match[version]=2026-04-02T00:00:00.000Z`).set(taxiiHeaders(author));
      expect(latest.status).toBe(200);
      // no payload, but the TAXII media type all the same (§5.7 required headers, §3.1)
      expect(latest.headers['content-type']).toBe(TAXII);
      expect(latest.text).toBe('');
      // §5.7: the deleted version is not found any more, while the object is
      expectTaxiiError(await get(`${url}?match[version]=2026-04-02T00:00:00.000Z`, author), 404);
      // the earlier version is current again
      expect((await get(url, author)).body.objects.map((o: { modified: string }) => o.modified)).toEqual(['2026-04-01T00:00:00.000Z']);
      expect((await hub.http.delete(url).set(taxiiHeaders(author))).status).toBe(200);
      expectTaxiiError(await get(url, author), 404);
    });
  });

  describe('status across a lost queue', () => {
    it('an envelope whose job Redis lost is processed by the re-drive sweep; the status stays exact', async () => {
      await hub.stopWorker();
      const objects = [indicator('TLP:GREEN'), indicator('TLP:GREEN'), indicator(null)];
      const res = await post(`${ENERGY}/objects/`, envelope(objects), basic(energyKey));
      expect(res.status).toBe(202);
      await inspectQueue(hub.env.config, TAXII_QUEUE, (queue) => queue.obliterate({ force: true }));
      expect((await get(`${ROOT}/status/${res.body.id}/`, basic(energyKey))).body).toEqual(expect.objectContaining({ status: 'pending', pending_count: 3 }));
      await hub.startWorker();
      let status = res.body;
      await hub.until('re-driven', async () => {
        status = (await get(`${ROOT}/status/${res.body.id}/`, basic(energyKey))).body;
        return status.status === 'complete';
      });
      expect(status).toEqual(expect.objectContaining({ total_count: 3, success_count: 3, failure_count: 0, pending_count: 0 }));
    });
  });

  describe('pagination (§3.4)', () => {
    it('limit/next until more is false: no object missed or repeated while new objects arrive', async () => {
      const collection = `${ROOT}/collections/${collectionId('transport')}`;
      const key = basic(await hub.key('transport', ['analyst']));
      const posted: string[] = [];
      const batch = async (n: number) => {
        const objects = Array.from({ length: n }, () => indicator('TLP:GREEN'));
        const status = await addAndWait(collection, objects, key);
        expect(status.success_count).toBe(n);
        posted.push(...objects.map((o) => o.id as string));
      };
      await batch(25);
      const seen: string[] = [];
      let next: string | undefined;
      let last = '';
      for (let page = 0; page < 50; page++) {
        const res = await get(`${collection}/objects/?limit=7${next ? `&next=${next}` : ''}`, key);
        expect(res.status).toBe(200);
        const ids = (res.body.objects ?? []).map((o: { id: string }) => o.id);
        expect(ids.length).toBeLessThanOrEqual(7);
        seen.push(...ids);
        if (ids.length > 0) last = res.headers['x-taxii-date-added-last'];
        if (page === 1) await batch(10); // new objects arrive mid-way
        if (!res.body.more) {
          expect(res.body.next).toBeUndefined();
          break;
        }
        next = res.body.next;
      }
      // more arrive after the last page: a poll with added_after = the last date_added seen picks them up
      await batch(5);
      const poll = await get(`${collection}/objects/?limit=1000&added_after=${last}`, key);
      seen.push(...(poll.body.objects ?? []).map((o: { id: string }) => o.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...posted].sort());
    });

    it('a row whose transaction began earlier but commits later is not skipped by next or added_after', async () => {
      const collection = `${ROOT}/collections/${collectionId('finance')}`;
      const key = basic(await hub.key('finance', ['analyst']));
      const a = indicator('TLP:GREEN');
      await addAndWait(collection, [a], key);
      // a slow writer: its rows get stored_at = its transaction's start, and become visible only at commit
      const slow = new pg.Client({ connectionString: hub.env.config.DATABASE_URL });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        const [{ id: financeId }] = (await slow.query(`SELECT id FROM organisations WHERE slug = 'finance'`)).rows;
        const b = indicator('TLP:GREEN');
        await addAndWait(collection, [b], key); // stored and committed after the slow transaction began
        const page = await get(`${collection}/objects/?limit=1000`, key);
        const seen: string[] = (page.body.objects ?? []).map((o: { id: string }) => o.id);
        expect(seen).toEqual([a.id]); // b waits behind the open transaction
        const last = page.headers['x-taxii-date-added-last'];
        const c = indicator('TLP:GREEN');
        await slow.query(
          `INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, tlp, recipient_org_ids, revoked, is_current, object)
           VALUES ($1, $2::varchar, $2::timestamptz, 'indicator', $3::uuid, 'TLP:GREEN', ARRAY[$3::uuid], false, true, $4::json)`,
          [c.id, c.modified, financeId, JSON.stringify(c)],
        );
        await slow.query('COMMIT');
        const poll = await get(`${collection}/objects/?limit=1000&added_after=${last}`, key);
        seen.push(...(poll.body.objects ?? []).map((o: { id: string }) => o.id));
        expect([...seen].sort()).toEqual([a.id, b.id, c.id].sort());
      } finally {
        await slow.end();
      }
    });
  });
});
