// Issue 14: granular markings honoured on every read path (DESIGN §2, STIX 2.1 §7.2.3). An
// incident marked TLP:CLEAR whose `description` a granular TLP:RED marking selects was served,
// description included, to the public TAXII collection and to every organisation's case bundle.
// Here: the finding itself, then the matrix of granular marking × reader on each read path — case
// bundles, TAXII objects / object / versions / manifest in every collection a reader may read,
// advisories' attached STIX (GET, list, inbox, webhook).
import { randomUUID } from 'node:crypto';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';
import { collectionId } from '@isac/taxii';
import { advisoryRequest } from '../factories/advisories.js';
import { basic, bearer } from '../factories/bearer.js';
import { bundleOf, incident, type StixObject } from '../factories/stix-bundles.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { fileIncident } from '../support/incident-reads.js';

const ROOT = '/taxii2/api/collections';
const ref = (label: TlpLabel) => TLP2_MARKING_IDS[label];

// adatum (a member of energy) files; an incident is addressed to the centre and energy
type Reader = 'public' | 'adatum' | 'centre' | 'energy' | 'litware' | 'health';
const NETWORK_READERS: Exclude<Reader, 'public'>[] = ['adatum', 'centre', 'energy', 'litware', 'health'];

/** What each reader may see of each granular marking, written out by hand from DESIGN §2 (not derived from the policy). */
const SEES: Record<'RED' | 'AMBER' | 'GREEN', Reader[]> = {
  RED: ['adatum', 'centre', 'energy'],
  AMBER: ['adatum', 'centre', 'energy', 'litware'], // litware: a member of the named recipient energy
  GREEN: ['adatum', 'centre', 'energy', 'litware', 'health'],
};

const incidentId = `incident--${randomUUID()}`;
const toolId = `tool--${randomUUID()}`;
const SECRET_DESCRIPTION = 'the operator paid the ransom; the keys came from the vendor';

// TLP:CLEAR as a whole; its parts marked RED (description), AMBER (the second label), GREEN (a url)
const theIncident: StixObject = incident({
  id: incidentId,
  tlp: 'TLP:CLEAR',
  extra: {
    description: SECRET_DESCRIPTION,
    labels: ['ransomware', 'vendor-access'],
    external_references: [{ source_name: 'operator-ticket', external_id: 'OPS-4711', url: 'https://tickets.example/OPS-4711' }],
    granular_markings: [
      { marking_ref: ref('TLP:RED'), selectors: ['description'] },
      { marking_ref: ref('TLP:AMBER'), selectors: ['labels.[1]'] },
      { marking_ref: ref('TLP:GREEN'), selectors: ['external_references.[0].url'] },
    ],
  },
});
// TLP:CLEAR as a whole, but its required `name` is RED: withheld whole from whoever may not read it
const theTool: StixObject = {
  type: 'tool', spec_version: '2.1', id: toolId, created: '2026-01-10T08:00:00.000Z', modified: '2026-01-10T08:00:00.000Z',
  name: 'vendor remote-access tool', object_marking_refs: [ref('TLP:CLEAR')],
  granular_markings: [{ marking_ref: ref('TLP:RED'), selectors: ['name'] }],
};
const theRelationship: StixObject = {
  type: 'relationship', spec_version: '2.1', id: `relationship--${randomUUID()}`, created: '2026-01-10T08:00:00.000Z', modified: '2026-01-10T08:00:00.000Z',
  relationship_type: 'uses', source_ref: incidentId, target_ref: toolId, object_marking_refs: [ref('TLP:CLEAR')],
};

/** The incident as `reader` must see it. */
function incidentSeenBy(reader: Reader): StixObject {
  const { description, labels, external_references, granular_markings, ...rest } = theIncident as Record<string, unknown> & { labels: string[]; external_references: Record<string, unknown>[] };
  const out: StixObject = { ...rest };
  const kept: unknown[] = [];
  if (SEES.RED.includes(reader)) {
    out.description = description;
    kept.push((granular_markings as unknown[])[0]);
  }
  out.labels = SEES.AMBER.includes(reader) ? labels : [labels[0]];
  if (SEES.AMBER.includes(reader)) kept.push((granular_markings as unknown[])[1]);
  const { url, ...withoutUrl } = external_references[0]!;
  out.external_references = [SEES.GREEN.includes(reader) ? { ...withoutUrl, url } : withoutUrl];
  if (SEES.GREEN.includes(reader)) kept.push((granular_markings as unknown[])[2]);
  if (kept.length > 0) out.granular_markings = kept;
  return out;
}

/**
 * Compares as JSON objects, whatever the key order of the stored (jsonb) text; without the
 * created_by_ref the hub gives what a reporter files without one.
 */
const sorted = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return sortedKeys(value);
  const { created_by_ref: _author, ...rest } = value as Record<string, unknown>;
  return sortedKeys(rest);
};
const sortedKeys = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(sortedKeys) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)])) : value;

describe('granular markings honoured (issue 14)', () => {
  let hub: AdvisoryHub;
  const keys = {} as Record<Exclude<Reader, 'public'>, string>;
  let caseId: string;
  const auth = (reader: Reader) => (reader === 'public' ? {} : basic(keys[reader]));

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    for (const reader of NETWORK_READERS) keys[reader] = await hub.key(reader, ['reporter', 'analyst']);
    caseId = await fileIncident(hub, keys.adatum, bundleOf([theIncident, theTool, theRelationship]));
  });
  afterAll(async () => {
    await hub?.close();
  });

  describe('the finding: a TLP:CLEAR incident with a TLP:RED description', () => {
    it('the public TAXII collection serves it without the description', async () => {
      const res = await hub.http.get(`${ROOT}/${collectionId('public')}/objects/${incidentId}/`).set(taxiiHeaders()).expect(200);
      expect(res.body.objects).toHaveLength(1);
      expect(res.body.objects[0]).not.toHaveProperty('description');
      expect(res.text).not.toContain(SECRET_DESCRIPTION);
    });

    it("another organisation's case bundle has no description; the author's and the RED recipients' have it", async () => {
      for (const reader of NETWORK_READERS) {
        const res = await hub.http.get(`/api/v1/incidents/${caseId}/bundle`).set(bearer(keys[reader])).expect(200);
        const served = res.body.objects.find((o: StixObject) => o.id === incidentId);
        expect({ reader, description: served.description }).toEqual({ reader, description: SEES.RED.includes(reader) ? SECRET_DESCRIPTION : undefined });
      }
    });
  });

  describe('REST case bundles', () => {
    it.each(NETWORK_READERS)('%s gets the parts it may read, and the tool only when it may read its name', async (reader) => {
      const res = await hub.http.get(`/api/v1/incidents/${caseId}/bundle`).set(bearer(keys[reader])).expect(200);
      const objects = res.body.objects as StixObject[];
      expect(sorted(objects.find((o) => o.id === incidentId))).toEqual(sorted(incidentSeenBy(reader)));
      expect(objects.some((o) => o.id === toolId)).toBe(SEES.RED.includes(reader));
      if (SEES.RED.includes(reader)) expect(sorted(objects.find((o) => o.id === toolId))).toEqual(sorted(theTool));
      // the relationship is served as it is (it may point at an object the reader is not given: references may dangle)
      expect(objects.some((o) => o.id === theRelationship.id)).toBe(true);
    });
  });

  // every collection each reader may read that holds the objects
  const TAXII_CASES: [Reader, string][] = [
    ['public', 'public'],
    ...NETWORK_READERS.map((r): [Reader, string] => [r, 'public']),
    ...NETWORK_READERS.map((r): [Reader, string] => [r, 'incidents']),
    ...(['adatum', 'centre', 'energy', 'litware'] as Reader[]).map((r): [Reader, string] => [r, 'energy']),
  ];

  describe('TAXII objects, object, versions and manifest', () => {
    it.each(TAXII_CASES)('%s in the %s collection', async (reader, alias) => {
      const base = `${ROOT}/${collectionId(alias)}`;
      const get = (path: string) => hub.http.get(`${base}/${path}`).set(taxiiHeaders(auth(reader)));
      const seesTool = SEES.RED.includes(reader);
      const ids = `match[id]=${incidentId},${toolId}`;

      const objects = await get(`objects/?${ids}`).expect(200);
      expect(sorted(objects.body.objects.find((o: StixObject) => o.id === incidentId))).toEqual(sorted(incidentSeenBy(reader)));
      expect(objects.body.objects.map((o: StixObject) => o.id).sort()).toEqual((seesTool ? [incidentId, toolId] : [incidentId]).sort());
      if (!SEES.RED.includes(reader)) expect(objects.text).not.toContain(SECRET_DESCRIPTION);

      // a withheld object is not counted: pages of one hold the incident, then the tool or nothing
      const paged = async (resource: 'objects' | 'manifest') => {
        const pages: string[][] = [];
        let next: string | undefined;
        do {
          const res = await get(`${resource}/?${ids}&limit=1${next ? `&next=${encodeURIComponent(next)}` : ''}`).expect(200);
          pages.push((res.body.objects ?? []).map((o: { id: string }) => o.id));
          next = res.body.more ? res.body.next : undefined;
        } while (next !== undefined && pages.length < 5);
        return pages.filter((page) => page.length > 0);
      };
      const expectedPages = seesTool ? [[incidentId], [toolId]] : [[incidentId]];
      expect(await paged('objects')).toEqual(expectedPages);
      expect(await paged('manifest')).toEqual(expectedPages);

      const one = await get(`objects/${incidentId}/`).expect(200);
      expect(sorted(one.body.objects[0])).toEqual(sorted(incidentSeenBy(reader)));
      expect((await get(`objects/${toolId}/`)).status).toBe(seesTool ? 200 : 404);
      expect((await get(`objects/${toolId}/versions/`)).status).toBe(seesTool ? 200 : 404);
      expect((await get(`objects/${incidentId}/versions/`).expect(200)).body.versions).toEqual([theIncident.modified]);

      const manifest = await get(`manifest/?${ids}`).expect(200);
      expect(manifest.body.objects.map((r: { id: string }) => r.id).sort()).toEqual((seesTool ? [incidentId, toolId] : [incidentId]).sort());
    });
  });

  describe("advisories' attached STIX", () => {
    // an attached object may not be marked, in whole or in part, more strictly than its advisory
    // (README: attached STIX is at most as permissive as the advisory): a TLP:RED description in a
    // TLP:GREEN advisory is refused at publishing, so no reader of the advisory is served it
    const attached: StixObject = {
      type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2026-01-10T08:00:00.000Z', modified: '2026-01-10T08:00:00.000Z',
      name: 'GridLock', is_family: true, description: 'found on the hospital network', object_marking_refs: [ref('TLP:GREEN')],
      granular_markings: [{ marking_ref: ref('TLP:RED'), selectors: ['description'] }],
    };

    it('a TLP:RED part in a TLP:GREEN advisory is refused, with the pointer of its granular marking; nothing is published', async () => {
      const energy = await hub.key('energy', ['analyst']);
      const res = await hub.http
        .post('/api/v1/advisories')
        .set(bearer(energy))
        .send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { organisations: ['health', 'centre'] }, stix: [attached] }))
        .expect(422);
      expect(res.body.code).toBe('ADVISORY.STIX_STRICTER_THAN_ADVISORY');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/stix/0/granular_markings/0']);
      const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM advisories WHERE stix::text LIKE $1`, [`%${attached.id}%`]);
      expect(n).toBe(0);
    });
  });
});
