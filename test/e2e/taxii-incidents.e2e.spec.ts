// The incidents collection (DESIGN §7): what the incident cases the caller may read consist of —
// each incident and the objects filed with it — every object still through the TLP policy, and
// exactly what the REST API's case bundles give the same organisation.
import { NetworkDirectory } from '@isac/organisations';
import { TLP2_MARKING_IDS } from '@isac/stix';
import { StixStoreService } from '@isac/stix-store';
import { collectionId } from '@isac/taxii';
import { basic } from '../factories/bearer.js';
import { bundleOf, describingObjects, incident, type Bundle } from '../factories/stix-bundles.js';
import { indicator, taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { caseObjectIdsThroughRest, fileIncident } from '../support/incident-reads.js';

const INCIDENTS = `/taxii2/api/collections/${collectionId('incidents')}`;

describe('TAXII incidents collection', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  /** litware's unmarked incident: TLP:AMBER+STRICT to the centre and the energy unit */
  let strict: Bundle;
  /** health's TLP:GREEN incident, one of its objects marked TLP:RED of its own */
  let green: Bundle;
  let redInGreen: string;
  /** the observed address: one SCO id filed with both cases, held once per reporter (DESIGN §2): litware's copy AMBER+STRICT, health's TLP:GREEN */
  let shared: string;
  let unfiled: string;

  const file = (key: string, bundle: Bundle) => fileIncident(hub, key, bundle);

  beforeAll(async () => {
    hub = await startApi();
    for (const slug of ['litware', 'energy', 'adatum', 'centre', 'health', 'lamna-hospital']) keys[slug] = await hub.key(slug, ['reporter', 'analyst']);
    const strictIncident = incident();
    strict = bundleOf([strictIncident, ...describingObjects(strictIncident.id as string)]);
    await file(keys.litware, strict);
    const greenIncident = incident({ tlp: 'TLP:GREEN' });
    const red = indicator('TLP:RED', { created: '2026-01-10T08:00:00.000Z' });
    redInGreen = red.id as string;
    const describing = describingObjects(greenIncident.id as string);
    shared = describing.find((o) => o.type === 'ipv4-addr')!.id as string;
    const marked = describing.map((o) => (o.id === shared ? o : { ...o, object_marking_refs: [TLP2_MARKING_IDS['TLP:GREEN']] }));
    green = bundleOf([greenIncident, ...marked, red]);
    await file(keys.health, green);
    // a TLP:GREEN object in the store that no incident filed: not in this collection
    const stray = indicator('TLP:GREEN');
    unfiled = stray.id as string;
    const network = await hub.app.get(NetworkDirectory).network();
    await hub.app.get(StixStoreService).store([stray], { authorOrgId: network.bySlug('energy')!.id, recipientOrgIds: [], tlp: undefined });
  });
  afterAll(() => hub.close());

  async function idsSeen(slug: string): Promise<string[]> {
    const res = await hub.http.get(`${INCIDENTS}/objects/?limit=1000`).set(taxiiHeaders(basic(keys[slug])));
    expect(res.status).toBe(200);
    const ids: string[] = (res.body.objects ?? []).map((o: { id: string }) => o.id);
    const manifest = await hub.http.get(`${INCIDENTS}/manifest/?limit=1000`).set(taxiiHeaders(basic(keys[slug])));
    expect((manifest.body.objects ?? []).map((r: { id: string }) => r.id)).toEqual(ids);
    return [...ids].sort();
  }

  const all = (b: Bundle) => b.objects.map((o) => o.id as string);

  it.each([
    ['litware', 'the reporter of the AMBER+STRICT case', true, false],
    ['energy', "the reporter's sector unit (a named recipient)", true, false],
    ['centre', 'the centre (a recipient of every incident)', true, true],
    ['adatum', 'another member of the sector (AMBER+STRICT does not reach it)', false, false],
    ['lamna-hospital', 'a member of the TLP:GREEN reporter, not a recipient', false, false],
  ])('%s (%s) sees the incident and every object filed with it, or none of them', async (slug, _relation, readsStrict, readsRed) => {
    const seen = await idsSeen(slug);
    for (const id of all(strict).filter((id) => id !== shared)) expect([id, seen.includes(id)]).toEqual([id, readsStrict]);
    // the TLP:GREEN case is readable by everyone, its objects too — health's own copy of the
    // address included — but not its TLP:RED one (for the case's recipients, the centre and the health unit)
    for (const id of all(green).filter((id) => id !== redInGreen)) expect(seen).toContain(id);
    expect(seen.includes(redInGreen)).toBe(readsRed);
    // litware's AMBER+STRICT copy of the address as well, for its readers: one record per copy
    expect(seen.filter((id) => id === shared)).toHaveLength(readsStrict ? 2 : 1);
    expect(seen).not.toContain(unfiled);
  });

  it('the reporter of the TLP:GREEN case reads its TLP:RED object there and its own copy of the address, not litware\'s AMBER+STRICT one', async () => {
    const seen = await idsSeen('health');
    expect(seen).toContain(redInGreen);
    expect(seen.filter((id) => id === shared)).toHaveLength(1);
  });

  it.each(['litware', 'energy', 'centre', 'adatum', 'health', 'lamna-hospital'])('%s sees through TAXII exactly what the REST case bundles give it', async (slug) => {
    expect([...new Set(await idsSeen(slug))]).toEqual(await caseObjectIdsThroughRest(hub, keys[slug]));
  });

  it('not writable (the incidents are filed through POST /api/v1/incidents)', async () => {
    const res = await hub.http.get(`${INCIDENTS}/`).set(taxiiHeaders(basic(keys.energy)));
    expect([res.body.can_read, res.body.can_write]).toEqual([true, false]);
  });
});
