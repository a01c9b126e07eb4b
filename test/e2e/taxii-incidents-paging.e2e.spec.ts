// The incidents collection paged with `next` and polled with added_after (TAXII 2.1 §3.4) across
// more cases than a page holds: nothing skipped, nothing repeated, exactly what the REST case
// bundles give each organisation — and each page reads only the incident cases filing the rows it
// scans, not every case of the hub.
import { jest } from '@jest/globals';
import { NetworkDirectory } from '@isac/organisations';
import type { TlpLabel } from '@isac/stix';
import { StixStoreService } from '@isac/stix-store';
import { collectionId } from '@isac/taxii';
import { DataSource } from 'typeorm';
import { basic } from '../factories/bearer.js';
import { bundleOf, describingObjects, incident, type Bundle } from '../factories/stix-bundles.js';
import { indicator, taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { caseObjectIdsThroughRest, fileIncident } from '../support/incident-reads.js';

const INCIDENTS = `/taxii2/api/collections/${collectionId('incidents')}`;
const CASES = 12;
const REPORTERS = ['litware', 'health', 'adatum'];
/** unmarked (AMBER+STRICT), GREEN, AMBER: readable by different organisations */
const MARKINGS: (TlpLabel | undefined)[] = [undefined, 'TLP:GREEN', 'TLP:AMBER'];

describe('TAXII incidents collection, paged', () => {
  let hub: ApiHarness;
  let db: DataSource;
  const keys: Record<string, string> = {};

  /** An incident and what describes it, each case its own objects (no address shared between cases). */
  const caseBundle = (i: number): Bundle => {
    const tlp = MARKINGS[Math.floor(i / REPORTERS.length) % MARKINGS.length];
    const inc = incident(tlp ? { tlp } : {});
    return bundleOf([inc, ...describingObjects(inc.id as string).filter((o) => o.type === 'indicator' || o.type === 'relationship')]);
  };

  beforeAll(async () => {
    hub = await startApi();
    db = hub.app.get(DataSource);
    for (const slug of [...REPORTERS, 'energy', 'centre', 'lamna-hospital']) keys[slug] = await hub.key(slug, ['reporter', 'analyst']);
    const network = await hub.app.get(NetworkDirectory).network();
    const store = hub.app.get(StixStoreService);
    for (let i = 0; i < CASES; i++) {
      await fileIncident(hub, keys[REPORTERS[i % REPORTERS.length]], caseBundle(i));
      // objects no case filed, between the cases' own: scanned, never in the collection
      await store.store([indicator('TLP:GREEN')], { authorOrgId: network.bySlug('energy')!.id, recipientOrgIds: [], tlp: undefined });
    }
  });
  afterAll(() => hub.close());

  interface Walked {
    ids: string[];
    pages: number;
    /** the rows read from incident_cases while serving each page */
    casesRead: number[];
    /** X-TAXII-Date-Added-Last of the last page holding records */
    lastAdded?: string;
  }

  /** Follows `next` from the first page while `more` is true, checking every page's shape. */
  async function walk(slug: string, resource: 'objects' | 'manifest', query: string): Promise<Walked> {
    const spy = jest.spyOn(db, 'query');
    const walked: Walked = { ids: [], pages: 0, casesRead: [] };
    try {
      let next: string | undefined;
      do {
        spy.mockClear();
        const res = await hub.http.get(`${INCIDENTS}/${resource}/?${query}${next ? `&next=${next}` : ''}`).set(taxiiHeaders(basic(keys[slug])));
        expect(res.status).toBe(200);
        let read = 0;
        for (const [i, [sql]] of spy.mock.calls.entries()) if (/\bincident_cases\b/.test(sql)) read += ((await spy.mock.results[i].value) as unknown[]).length;
        walked.casesRead.push(read);
        const records: { id: string }[] = res.body.objects ?? [];
        expect(records.length).toBeLessThanOrEqual(2);
        if (records.length > 0) walked.lastAdded = res.headers['x-taxii-date-added-last'];
        walked.ids.push(...records.map((r) => r.id));
        // `next` exactly when `more`
        expect(typeof res.body.next === 'string').toBe(res.body.more === true);
        next = res.body.more ? res.body.next : undefined;
        walked.pages += 1;
      } while (next !== undefined && walked.pages < 200);
    } finally {
      spy.mockRestore();
    }
    expect(walked.pages).toBeLessThan(200);
    return walked;
  }

  it.each(['centre', 'energy', 'litware', 'adatum', 'lamna-hospital'])('%s pages through exactly what the REST case bundles give it, each object once', async (slug) => {
    const rest = await caseObjectIdsThroughRest(hub, keys[slug]);
    for (const resource of ['objects', 'manifest'] as const) {
      const { ids, pages } = await walk(slug, resource, 'limit=2');
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort()).toEqual(rest);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(rest.length / 2));
    }
  });

  it('the readers see different parts of the cases, with rows hidden from them between their own', async () => {
    // cases by thirds: unmarked (AMBER+STRICT), GREEN, AMBER, unmarked; reporters in turn litware, health, adatum
    const counts = await Promise.all(['centre', 'adatum', 'lamna-hospital'].map(async (slug) => (await caseObjectIdsThroughRest(hub, keys[slug])).length));
    // the centre all 12; adatum its own 4, the GREEN ones of litware and health, litware's AMBER (to its sector unit);
    // lamna-hospital the 3 GREEN ones and health's AMBER
    expect(counts).toEqual([CASES * 3, 7 * 3, 4 * 3]);
  });

  it('a page reads the incident cases filing the rows it scanned, not every case', async () => {
    const { casesRead, pages } = await walk('centre', 'manifest', 'limit=2');
    expect(pages).toBeGreaterThanOrEqual(CASES * 1.5);
    // a page of two scans three rows (limit + 1), filed by two cases at most
    for (const read of casesRead) expect(read).toBeLessThanOrEqual(2);
  });

  it('polling with added_after from the last page: exactly the objects of a case filed since', async () => {
    const { lastAdded } = await walk('centre', 'manifest', 'limit=2');
    expect(lastAdded).toBeDefined();
    const later = caseBundle(1);
    await fileIncident(hub, keys.health, later);
    const { ids } = await walk('centre', 'manifest', `limit=2&added_after=${encodeURIComponent(lastAdded!)}`);
    expect([...ids].sort()).toEqual(later.objects.map((o) => o.id as string).sort());
  });
});
