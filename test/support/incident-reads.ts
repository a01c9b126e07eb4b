// Filing incidents over HTTP and what the REST API then gives an organisation to read: for the
// suites that compare another read path (TAXII's incidents collection) with it.
import { bearer } from '../factories/bearer.js';
import type { Bundle } from '../factories/stix-bundles.js';
import type { ApiHarness } from './api-harness.js';

const STIX = 'application/stix+json;version=2.1';

/** Files the bundle as `POST /api/v1/incidents` with the key; the case id. */
export async function fileIncident(hub: ApiHarness, key: string, bundle: Bundle): Promise<string> {
  const res = await hub.http.post('/api/v1/incidents').set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle));
  if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The ids of the bundles of every case the key may list, without the reporter identity a bundle adds; sorted. */
export async function caseObjectIdsThroughRest(hub: ApiHarness, key: string): Promise<string[]> {
  const cases = await hub.http.get('/api/v1/incidents?limit=200').set(bearer(key));
  if (cases.status !== 200) throw new Error(`the case list answered ${cases.status}`);
  const ids = new Set<string>();
  for (const c of cases.body.cases as { id: string }[]) {
    const bundle = await hub.http.get(`/api/v1/incidents/${c.id}/bundle`).set(bearer(key));
    if (bundle.status !== 200) throw new Error(`the bundle of ${c.id} answered ${bundle.status}`);
    for (const o of bundle.body.objects as { id: string; type: string }[]) if (o.type !== 'identity') ids.add(o.id);
  }
  return [...ids].sort();
}
