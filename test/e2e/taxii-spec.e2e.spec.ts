// TAXII 2.1 (OASIS Standard, 10 June 2021) MUSTs checked once more, end to end: media types with
// and without the version parameter (§1.6.8), the date_added headers and more/next on every paged
// resource (§3.2, §3.5), the status resource's fields (§4.3.1), the error message's fields (§3.6.1),
// and the URL parameters each endpoint takes (§5.7 delete: none of the paging ones).
import { collectionId } from '@isac/taxii';
import { basic } from '../factories/bearer.js';
import { envelope, indicator, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const ROOT = '/taxii2/api';
const HEALTH = `${ROOT}/collections/${collectionId('health')}`;
// §2 `timestamp`: TAXII timestamps have microsecond precision
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

describe('TAXII 2.1 conformance', () => {
  let hub: AdvisoryHub;
  let auth: Record<string, string>;
  let statusId: string;
  const versions = ['2026-05-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z', '2026-05-03T00:00:00.000Z'];
  let object: Record<string, unknown>;

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    auth = basic(await hub.key('health', ['analyst']));
    object = indicator('TLP:GREEN', { created: versions[0] });
    // Content-Type without the version parameter: the latest version, 2.1 (§1.6.8)
    const res = await hub.http
      .post(`${HEALTH}/objects/`)
      .set({ ...taxiiHeaders(auth), 'Content-Type': 'application/taxii+json' })
      .send(JSON.stringify(envelope(versions.map((modified) => ({ ...object, modified })))));
    expect(res.status).toBe(202);
    statusId = res.body.id;
    await hub.until('status complete', async () => (await hub.http.get(`${ROOT}/status/${statusId}/`).set(taxiiHeaders(auth))).body.status === 'complete');
  });
  afterAll(() => hub.close());

  describe('media types (§1.6.8)', () => {
    it.each(['application/taxii+json', 'application/taxii+json;version=2.1', 'application/taxii+json; version=2.1', '*/*'])('Accept %s is answered in application/taxii+json;version=2.1', async (accept) => {
      const res = await hub.http.get(`${HEALTH}/objects/`).set({ ...auth, Accept: accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1(;|$)/);
    });

    it.each(['application/taxii+json;version=2.0', 'application/stix+json;version=2.1', 'application/json', 'application/taxii+json;q=0'])('Accept %s is 406', async (accept) => {
      const res = await hub.http.get(`${HEALTH}/objects/`).set({ ...auth, Accept: accept });
      expect(res.status).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1/);
      expect(res.body.http_status).toBe('406');
    });
  });

  describe('paged resources (§3.5): more, next, X-TAXII-Date-Added-First/Last (§3.2)', () => {
    async function walk(path: string, list: 'objects' | 'versions') {
      const pages: { items: unknown[]; first?: string; last?: string; more: boolean; next?: string }[] = [];
      let next: string | undefined;
      for (let i = 0; i < 10; i++) {
        const res = await hub.http.get(`${path}${path.includes('?') ? '&' : '?'}limit=1${next ? `&next=${next}` : ''}`).set(taxiiHeaders(auth));
        expect(res.status).toBe(200);
        pages.push({ items: res.body[list] ?? [], first: res.headers['x-taxii-date-added-first'], last: res.headers['x-taxii-date-added-last'], more: res.body.more, next: res.body.next });
        if (!res.body.more) break;
        expect(typeof res.body.next).toBe('string');
        next = res.body.next;
      }
      return pages;
    }

    it('versions: one a page, oldest first, next until more is false, then no next', async () => {
      const pages = await walk(`${HEALTH}/objects/${object.id}/versions/`, 'versions');
      expect(pages.flatMap((p) => p.items)).toEqual(versions);
      expect(pages.map((p) => p.more)).toEqual([true, true, false]);
      expect(pages[2].next).toBeUndefined();
      for (const p of pages) expect([p.first, p.last].every((h) => TIMESTAMP.test(h ?? ''))).toBe(true);
    });

    it('manifest: the date_added headers are those of the first and last record of the page', async () => {
      const pages = await walk(`${HEALTH}/manifest/?match[version]=all`, 'objects');
      const records = pages.flatMap((p) => p.items) as { id: string; version: string; date_added: string }[];
      expect(records.map((r) => r.version)).toEqual(versions);
      for (const [i, p] of pages.entries()) expect([p.first, p.last]).toEqual([records[i].date_added, records[i].date_added]);
      expect(pages.at(-1)!.more).toBe(false);
    });

    it('objects of one id (§5.6 get an object), paged the same way, with match[version]=all', async () => {
      const pages = await walk(`${HEALTH}/objects/${object.id}/?match[version]=all`, 'objects');
      expect(pages.flatMap((p) => p.items).map((o) => (o as { modified: string }).modified)).toEqual(versions);
    });

    it('an empty page has no objects, no next and no date_added headers', async () => {
      const res = await hub.http.get(`${HEALTH}/objects/?match[type]=malware`).set(taxiiHeaders(auth));
      expect(res.body).toEqual({ more: false });
      expect(res.headers['x-taxii-date-added-first']).toBeUndefined();
      expect(res.headers['x-taxii-date-added-last']).toBeUndefined();
    });
  });

  it('match[version] takes first, last, all and timestamps; anything else is 400 naming the parameter', async () => {
    const modified = async (v: string) =>
      ((await hub.http.get(`${HEALTH}/objects/${object.id}/?match[version]=${v}`).set(taxiiHeaders(auth))).body.objects ?? []).map((o: { modified: string }) => o.modified);
    expect(await modified('first')).toEqual([versions[0]]);
    expect(await modified('last')).toEqual([versions[2]]);
    expect(await modified('all')).toEqual(versions);
    expect(await modified(versions[1])).toEqual([versions[1]]);
    expect(await modified(`${versions[0]},last`)).toEqual([versions[0], versions[2]]);
    const bad = await hub.http.get(`${HEALTH}/objects/?match[version]=latest`).set(taxiiHeaders(auth));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(expect.objectContaining({ title: expect.any(String), description: expect.stringContaining('latest'), http_status: '400', details: { parameter: 'match[version]' } }));
  });

  it('the status resource (§4.3.1) has every required field, counts equal to its lists, no empty list (§2), status-details with id and version', async () => {
    const res = await hub.http.get(`${ROOT}/status/${statusId}/`).set(taxiiHeaders(auth));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'status', 'request_timestamp', 'total_count', 'success_count', 'successes', 'failure_count', 'pending_count'].sort());
    expect(res.body).toEqual(expect.objectContaining({ id: statusId, status: 'complete', total_count: 3, success_count: 3, failure_count: 0, pending_count: 0 }));
    expect(res.body.request_timestamp).toMatch(TIMESTAMP);
    expect(res.body.successes).toEqual(versions.map((version) => ({ id: object.id, version })));
  });

  it('§5.7 delete takes no added_after, limit or next: 400, and nothing is deleted', async () => {
    for (const query of ['limit=1', 'added_after=2026-01-01T00:00:00Z', 'next=abc']) {
      const res = await hub.http.delete(`${HEALTH}/objects/${object.id}/?${query}`).set(taxiiHeaders(auth));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1/);
    }
    const versionsLeft = await hub.http.get(`${HEALTH}/objects/${object.id}/versions/`).set(taxiiHeaders(auth));
    expect(versionsLeft.body.versions).toEqual(versions);
  });

  it('error messages (§3.6.1): title, description, http_status as a string, a stable error_code', async () => {
    for (const [path, status] of [
      [`${ROOT}/collections/00000000-0000-4000-8000-000000000000/`, 404],
      [`${ROOT}/collections/${collectionId('energy')}/objects/`, 403],
      [`${HEALTH}/objects/?limit=-1`, 400],
    ] as const) {
      const res = await hub.http.get(path).set(taxiiHeaders(auth));
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ title: expect.any(String), description: expect.any(String), error_code: expect.stringMatching(/^TAXII\./), http_status: String(status), ...(status === 400 ? { details: { parameter: 'limit' } } : {}) });
    }
  });

  it('match[version]=last answers one version when two differ only below the microsecond (the store compares microseconds)', async () => {
    const fine = indicator('TLP:GREEN', { created: '2026-05-04T00:00:00.0000001Z' });
    const finer = ['2026-05-04T00:00:00.0000001Z', '2026-05-04T00:00:00.0000002Z'];
    const res = await hub.http
      .post(`${HEALTH}/objects/`)
      .set({ ...taxiiHeaders(auth), 'Content-Type': TAXII })
      .send(JSON.stringify(envelope(finer.map((modified) => ({ ...fine, modified })))));
    expect(res.status).toBe(202);
    await hub.until('status complete', async () => (await hub.http.get(`${ROOT}/status/${res.body.id}/`).set(taxiiHeaders(auth))).body.status === 'complete');
    const modified = async (query: string) =>
      ((await hub.http.get(`${HEALTH}/objects/${query}`).set(taxiiHeaders(auth))).body.objects ?? [])
        .filter((o: { id: string }) => o.id === fine.id)
        .map((o: { modified: string }) => o.modified);
    const stored = await modified(`${fine.id}/?match[version]=all`);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    // one answer for `last`, in the collection and for the object alone, whichever version the store holds as current
    expect(await modified(`${fine.id}/?match[version]=last`)).toHaveLength(1);
    expect(await modified(`?match[id]=${fine.id}`)).toHaveLength(1);
    // the store's current is the earlier stored of the two it sees as equal: first and last are that one
    expect(await modified(`?match[id]=${fine.id}&match[version]=first,last`)).toEqual(await modified(`${fine.id}/?match[version]=last`));
  });

  it('the TAXII media type is what the POST answer carries, and the same envelope again is accepted (versions already held are no-ops)', async () => {
    const res = await hub.http.post(`${HEALTH}/objects/`).set({ ...taxiiHeaders(auth), 'Content-Type': TAXII }).send(JSON.stringify(envelope([object])));
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1/);
    expect(res.body).toEqual(expect.objectContaining({ status: 'pending', total_count: 1, success_count: 0, failure_count: 0, pending_count: 1, pendings: [{ id: object.id, version: versions[0] }] }));
    expect(res.body).not.toHaveProperty('successes');
    expect(res.body).not.toHaveProperty('failures');
    expect(res.body.request_timestamp).toMatch(TIMESTAMP);
  });
});
