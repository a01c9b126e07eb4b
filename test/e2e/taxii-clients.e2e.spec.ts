// TAXII 2.1 as the common clients use it: taxii2-client (OASIS, Python; also what OpenCTI's TAXII2
// connector runs on) and OpenCTI's built-in TAXII feed. Each request below is built the way those
// clients build it: the API root resolved from discovery, collection URLs from the listed ids,
// the status URL of an add without its trailing slash, basic auth with any user name and the key
// as password, `next` sent alongside `added_after`. And §4.2.1's max_content_length: no body that
// size or smaller is refused with 413, even where the hub's JSON parser takes less than the
// configured TAXII limit.
import { basic } from '../factories/bearer.js';
import { envelope, indicator, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const DISCOVERY = 'https://hub.example/taxii2/';

describe('TAXII clients and limits', () => {
  let hub: AdvisoryHub;
  let auth: Record<string, string>;

  beforeAll(async () => {
    // the JSON parser takes less than the TAXII limit the configuration asks for
    hub = await startAdvisoryHub({ env: { MAX_BUNDLE_BYTES: '30000', TAXII_MAX_CONTENT_LENGTH: '100000' } });
    auth = basic(await hub.key('finance', ['analyst']), 'opencti');
  });
  afterAll(() => hub.close());

  /** The path of a URL a client resolved against the discovery URL it was configured with. */
  const pathOf = (url: string) => {
    const resolved = new URL(url);
    return resolved.pathname + resolved.search;
  };
  const get = (url: string, query: Record<string, string> = {}) => hub.http.get(pathOf(url)).query(query).set(taxiiHeaders(auth));

  it('§4.2.1: max_content_length is what the API root takes; a body of that size is not refused with 413, a larger one is', async () => {
    const root = new URL((await get(DISCOVERY)).body.default, DISCOVERY).href;
    const info = await get(root);
    expect(info.body.max_content_length).toBe(30000);
    const finance = (await get(`${root}collections/`)).body.collections.find((c: { alias: string }) => c.alias === 'finance');
    const sized = (bytes: number) => {
      const object = indicator('TLP:GREEN');
      const text = (description: string) => JSON.stringify(envelope([{ ...object, description }]));
      return text('d'.repeat(bytes - Buffer.byteLength(text(''))));
    };
    const post = (body: string) => hub.http.post(pathOf(`${root}collections/${finance.id}/objects/`)).set({ ...taxiiHeaders(auth), 'Content-Type': TAXII }).send(body);
    const atLimit = sized(info.body.max_content_length);
    expect(Buffer.byteLength(atLimit)).toBe(30000);
    expect((await post(atLimit)).status).toBe(202);
    const beyond = await post(sized(info.body.max_content_length + 1));
    expect(beyond.status).toBe(413);
    expect(beyond.headers['content-type']).toMatch(/^application\/taxii\+json;version=2\.1/);
  });

  it('taxii2-client: discovery → API root → collections → add objects → status (no trailing slash) → objects, paged with next', async () => {
    const discovery = await get(DISCOVERY);
    expect(discovery.status).toBe(200);
    // Server: ApiRoot(urljoin(discovery url, each api_roots item)); default must be one of them
    const roots = discovery.body.api_roots.map((r: string) => new URL(r, DISCOVERY).href);
    expect(roots).toContain(new URL(discovery.body.default, DISCOVERY).href);
    const root = roots[0];
    // OpenCTI's TAXII2 connector picks a root by the last path segment of its URL
    expect(root.split('/').at(-2)).toBe('api');
    expect((await get(root)).body).toEqual(expect.objectContaining({ title: expect.any(String), versions: [TAXII], max_content_length: expect.any(Number) }));
    const listed = await get(`${root}collections/`);
    const finance = listed.body.collections.find((c: { alias: string }) => c.alias === 'finance');
    // Collection(url = collections url + id + '/'): the client checks the id is in the URL
    const collection = `${root}collections/${finance.id}/`;
    expect((await get(collection)).body).toEqual(expect.objectContaining({ id: finance.id, can_read: true, can_write: true }));

    const objects = [indicator('TLP:GREEN'), indicator('TLP:GREEN'), indicator('TLP:GREEN')];
    const added = await hub.http.post(pathOf(`${collection}objects/`)).set({ ...taxiiHeaders(auth), 'Content-Type': TAXII }).send(JSON.stringify(envelope(objects)));
    expect(added.status).toBe(202);
    // add_objects: urljoin(collection url, "../../status/{id}"), without a trailing slash
    const statusUrl = new URL(`../../status/${added.body.id}`, collection).href;
    expect(statusUrl).toBe(`${root}status/${added.body.id}`);
    await hub.until('status complete', async () => (await get(statusUrl)).body.status === 'complete');
    const status = (await get(statusUrl)).body;
    // Status._validate_status: each count equals its list's length when the list is there, and they add up
    expect(status.success_count + status.failure_count + status.pending_count).toBe(status.total_count);
    expect(status.successes).toHaveLength(status.success_count);

    // as_pages(get_objects, per_request=2): limit, then next until more is false
    const ids: string[] = [];
    let next: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await get(`${collection}objects/`, { limit: '2', ...(next ? { next } : {}) });
      expect(res.headers['content-type']).toBe(TAXII);
      ids.push(...(res.body.objects ?? []).map((o: { id: string }) => o.id));
      if (!res.body.more) break;
      next = res.body.next;
    }
    // one envelope is stored in one transaction: its objects share a date_added, so their order is the id's
    const ours = new Set(objects.map((o) => o.id));
    expect(ids.filter((id) => ours.has(id)).sort()).toEqual([...ours].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('OpenCTI TAXII feed: API root URL and collection id, basic user:key, added_after and next sent together', async () => {
    const feed = `https://hub.example/taxii2/api/collections/${(await get('https://hub.example/taxii2/api/collections/')).body.collections.find((c: { alias: string }) => c.alias === 'finance').id}/objects/`;
    const first = await get(feed, { added_after: '2000-01-01T00:00:00.000000Z', limit: '1' });
    expect(first.status).toBe(200);
    expect(first.body.more).toBe(true);
    const added = first.headers['x-taxii-date-added-last'];
    expect(added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const second = await get(feed, { added_after: '2000-01-01T00:00:00.000000Z', next: first.body.next, limit: '1' });
    expect(second.status).toBe(200);
    expect(second.body.objects[0].id).not.toBe(first.body.objects[0].id);
    // its next run asks from X-TAXII-Date-Added-Last as Date.toISOString() writes it (milliseconds)
    const rerun = await get(feed, { added_after: new Date(added).toISOString() });
    expect(rerun.status).toBe(200);
  });
});
