// Real-world STIX gets in unchanged (issue 16): every problem in one answer, the same from
// `POST /stix/validate` and from filing; authors outside the network; a bundle with a parent and
// child incident, or an incident and its duplicate, shaped like the OASIS Incident Core examples
// (cti-stix-common-objects, incident-core/examples: incident_with_child, incident_duplication).
import { randomUUID } from 'node:crypto';
import { stixIdentityIdFor } from '@isac/organisations';
import { INCIDENT_CORE_EXTENSION_ID, validateBundle } from '@isac/stix';
import { DataSource } from 'typeorm';
import { bearer } from '../factories/bearer.js';
import { bundleOf, incidentBundle, type StixObject } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';
const TASK_EXTENSION = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';
const EVENT_EXTENSION = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';

const pairs = (errors: { code: string; pointer: string }[]) => errors.map((e) => `${e.code} ${e.pointer}`);
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 19, 1, 0) + minutes * 60_000).toISOString();
const versioned = (type: string, created: string, extra: StixObject): StixObject => ({ type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created, modified: created, ...extra });

/** A CSIRT outside the network, as its own identity object (references to it resolve in the bundle). */
const outsideCsirt = (): StixObject => versioned('identity', at(0), { name: 'Vendor PSIRT', identity_class: 'organization' });

const coreIncident = (name: string, core: StixObject, extra: StixObject = {}): StixObject =>
  versioned('incident', at(1), {
    name,
    description: `${name} (after the OASIS Incident Core examples)`,
    extensions: { [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', detection_methods: ['user-report'], ...core } },
    ...extra,
  });

const task = (description: string): StixObject =>
  versioned('task', at(0), { task_types: ['discovery'], outcome: 'successful', description, end_time: at(0), extensions: { [TASK_EXTENSION]: { extension_type: 'new-sdo' } } });

const relationship = (type: string, source: StixObject, target: StixObject): StixObject =>
  versioned('relationship', at(2), { relationship_type: type, source_ref: source.id, target_ref: target.id });

/** incident_with_child: a closed parent incident that led to a new child incident, with an event and a task. */
function parentAndChild(author?: StixObject) {
  const event = versioned('event', at(0), { name: 'Theft', status: 'occurred', start_time: at(0), extensions: { [EVENT_EXTENSION]: { extension_type: 'new-sdo' } } });
  const discovery = task('User alerted security');
  const by = author ? { created_by_ref: author.id } : {};
  const parent = coreIncident('Stolen laptop', { investigation_status: 'closed', determination: 'successful-attempt', incident_types: ['loss-of-control'], events: [{ event_ref: event.id }], tasks: [{ task_ref: discovery.id }] }, by);
  const child = coreIncident('Determine if the stolen laptop held patient data', { investigation_status: 'new', determination: 'suspected' }, by);
  // the child first: the primary is found by the relationships, not by its place
  return { parent, child, bundle: bundleOf([...(author ? [author] : []), child, event, discovery, parent, relationship('led-to', parent, child)]) };
}

/** incident_duplication: two reports of one incident, the later marked a duplicate of the first. */
function originalAndDuplicate() {
  const original = coreIncident('Stolen laptop', { investigation_status: 'closed', determination: 'successful-attempt' });
  const duplicate = coreIncident('Stolen laptop (second ticket)', { investigation_status: 'closed', determination: 'successful-attempt' });
  return { original, duplicate, bundle: bundleOf([duplicate, original, task('Determined this was a duplicate of another ticket'), relationship('duplicate-of', duplicate, original)]) };
}

describe('real-world STIX into incident filing', () => {
  let hub: ApiHarness;
  let db: DataSource;
  const keys: Record<string, string> = {};

  const file = (key: string, bundle: unknown) => hub.http.post('/api/v1/incidents').set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle));
  const validate = (key: string, bundle: unknown) => hub.http.post('/api/v1/stix/validate').set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle));
  const storedCount = async () => (await db.query(`SELECT count(*)::int AS n FROM stix_objects`))[0].n as number;

  beforeAll(async () => {
    hub = await startApi();
    db = hub.app.get(DataSource);
    keys.energy = await hub.key('energy', ['reporter', 'analyst']);
    keys.litware = await hub.key('litware', ['reporter', 'analyst']);
    keys.centre = await hub.key('centre', ['analyst']);
  });
  afterAll(() => hub.close());

  describe('every problem in one pass', () => {
    /** One problem of each stage: the validator's, the store's and the filing's own. */
    function manyProblems() {
      const bundle = incidentBundle();
      const [incident, , indicator, observed, , relationshipObject] = bundle.objects;
      // the validator: second precision, an Incident Core 1.0 property as an extension key, a bad pattern
      indicator.created = '2026-01-10T08:00:00Z';
      (incident.extensions as StixObject).availability = { availability_impact: 90 };
      indicator.pattern = "[ipv4-addr:value = '203.0.113.7'";
      // the store: a reference to nothing, a marking nobody defined
      relationshipObject.target_ref = `malware--${randomUUID()}`;
      observed.object_marking_refs = [`marking-definition--${randomUUID()}`];
      // the filing: another organisation's identity, a severity not on the scale
      indicator.created_by_ref = stixIdentityIdFor('health');
      incident.x_isac_severity = 'apocalyptic';
      return bundle;
    }

    it('validate lists the validator and store problems together', async () => {
      const res = await validate(keys.energy, manyProblems()).expect(200);
      expect(res.body.valid).toBe(false);
      expect(pairs(res.body.errors)).toEqual([
        'STIX.INVALID_EXTENSION /objects/0/extensions/availability',
        'STIX.TIMESTAMP_PRECISION /objects/2/created',
        'STIX.PATTERN_SYNTAX /objects/2/pattern',
        'STIX.UNKNOWN_MARKING /objects/3/object_marking_refs/0',
      ]);
      // STIX lets a reference dangle: a warning with its pointer, not an error
      expect(pairs(res.body.warnings)).toContain('STIX.UNRESOLVED_REFERENCE /objects/5/target_ref');
    });

    it('filing answers the same list, then its own problems, and stores nothing', async () => {
      const bundle = manyProblems();
      const validated = await validate(keys.energy, bundle).expect(200);
      const before = await storedCount();
      const res = await file(keys.energy, bundle).expect(422);
      expect(res.body.code).toBe('INCIDENT.BUNDLE_REJECTED');
      const filed = pairs(res.body.errors);
      expect(filed.slice(0, validated.body.errors.length)).toEqual(pairs(validated.body.errors));
      expect(filed.slice(validated.body.errors.length)).toEqual(['INCIDENT.CREATED_BY_OTHER_ORG /objects/2/created_by_ref', 'INCIDENT.UNKNOWN_SEVERITY /objects/0/x_isac_severity']);
      expect(res.body.detail).toMatch(/6 problems;/);
      expect(await storedCount()).toBe(before);
    });

    it('hostile shapes (not objects, malformed ids) still get the store checks of the rest, never a 500', async () => {
      const bundle = incidentBundle();
      const [incident, , indicator] = bundle.objects;
      indicator.id = 'indicator--not-a-uuid';
      indicator.created_by_ref = `identity--${randomUUID()}`;
      const objects = [...bundle.objects, null, 3, 'x'];
      const validated = await validate(keys.energy, { ...bundle, objects }).expect(200);
      expect(pairs(validated.body.errors)).toEqual([
        'STIX.INVALID_ID /objects/2/id',
        'STIX.NOT_AN_OBJECT /objects/6',
        'STIX.NOT_AN_OBJECT /objects/7',
        'STIX.NOT_AN_OBJECT /objects/8',
      ]);
      // dangling references are warnings, listed in the same pass
      expect(pairs(validated.body.warnings)).toEqual(
        expect.arrayContaining([
          'STIX.UNRESOLVED_REFERENCE /objects/2/created_by_ref',
          'STIX.UNRESOLVED_REFERENCE /objects/4/sighting_of_ref', // the indicator it names is not there under that id
          'STIX.UNRESOLVED_REFERENCE /objects/5/source_ref',
        ]),
      );
      const filed = await file(keys.energy, { ...bundle, objects }).expect(422);
      expect(pairs(filed.body.errors)).toEqual(pairs(validated.body.errors));
      expect(incident.id).toMatch(/^incident--/);
    });

    it("with the case's own word on the report when the incident itself is sound", async () => {
      const first = incidentBundle();
      await file(keys.energy, first).expect(201);
      const next = structuredClone(first);
      Object.assign(next.objects[0], { modified: '2026-01-12T00:00:00.000Z' }); // a follow-up without its stage
      next.objects[2].pattern = '[ipv4-addr:value = ';
      const res = await file(keys.energy, next).expect(422);
      // the changed indicator is also a new content under a version the hub holds
      expect(pairs(res.body.errors)).toEqual(['STIX.PATTERN_SYNTAX /objects/2/pattern', 'STIX.VERSION_CONFLICT /objects/2/modified', 'INCIDENT.STAGE_REQUIRED /x_isac_report_stage']);
      // the bundle mended, the case's refusal stands alone with its own code
      next.objects[2].pattern = "[ipv4-addr:value = '203.0.113.7']";
      expect((await file(keys.energy, next).expect(400)).body.code).toBe('INCIDENT.STAGE_REQUIRED');
    });
  });

  describe('authorship', () => {
    it('an incident authored by an outside CSIRT: the filing organisation is the reporter, created_by_ref is kept', async () => {
      const csirt = outsideCsirt();
      const { parent, bundle } = parentAndChild(csirt);
      const res = await file(keys.litware, bundle).expect(201);
      expect(res.body).toMatchObject({ reporter: 'litware', incidentId: parent.id });
      const out = JSON.parse((await hub.http.get(`/api/v1/incidents/${res.body.id}/bundle`).set(bearer(keys.litware)).expect(200)).text);
      expect(out.objects.find((o: StixObject) => o.id === parent.id)).toMatchObject({ created_by_ref: csirt.id });
      // the objects are the reporter's: its sector unit and the centre read them as the case's recipients
      await hub.http.get(`/api/v1/incidents/${res.body.id}/bundle`).set(bearer(keys.centre)).expect(200);
    });

    it("a member may not name its sector unit's identity, nor any other network organisation's", async () => {
      for (const slug of ['energy', 'health', 'centre']) {
        const res = await file(keys.litware, incidentBundle({ createdByRef: stixIdentityIdFor(slug) })).expect(422);
        expect(pairs(res.body.errors)).toEqual(['INCIDENT.CREATED_BY_OTHER_ORG /objects/0/created_by_ref']);
      }
    });

    it("a sector unit may name its member's identity", async () => {
      const res = await file(keys.energy, incidentBundle({ createdByRef: stixIdentityIdFor('litware') })).expect(201);
      expect(res.body.reporter).toBe('energy');
    });
  });

  describe('several incidents in one bundle: one case, about the primary incident', () => {
    it('a parent and the child it led to: the case is the parent\'s, the child is stored with it', async () => {
      const { parent, child, bundle } = parentAndChild();
      expect(validateBundle(bundle)).toMatchObject({ valid: true, errors: [] });
      const res = await file(keys.litware, bundle).expect(201);
      expect(res.body).toMatchObject({ incidentId: parent.id, name: 'Stolen laptop', report: { stored: bundle.objects.length } });
      const out = JSON.parse((await hub.http.get(`/api/v1/incidents/${res.body.id}/bundle`).set(bearer(keys.litware)).expect(200)).text);
      expect(out.objects.map((o: StixObject) => o.id)).toEqual(expect.arrayContaining([parent.id, child.id]));
      expect(validateBundle(out)).toMatchObject({ valid: true, errors: [] });
      // the child has no case of its own
      const list = await hub.http.get('/api/v1/incidents?limit=100').set(bearer(keys.litware)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(child.id as string);
    });

    it('an incident and its duplicate: the case is about the incident duplicated', async () => {
      const { original, duplicate, bundle } = originalAndDuplicate();
      const res = await file(keys.litware, bundle).expect(201);
      expect(res.body).toMatchObject({ incidentId: original.id, name: 'Stolen laptop' });
      const out = JSON.parse((await hub.http.get(`/api/v1/incidents/${res.body.id}/bundle`).set(bearer(keys.litware)).expect(200)).text);
      expect(out.objects.map((o: StixObject) => o.id)).toEqual(expect.arrayContaining([original.id, duplicate.id]));
    });

    it('the same again is a no-op on the same case', async () => {
      const { original, bundle } = originalAndDuplicate();
      const first = await file(keys.litware, bundle).expect(201);
      const again = await file(keys.litware, bundle).expect(200);
      expect(again.body).toMatchObject({ id: first.body.id, incidentId: original.id, report: { stored: 0, unchanged: bundle.objects.length } });
    });

    it("Incident Core 1.0's determination \"confirmed\" is refused by 2.0's enumeration, with every other problem", async () => {
      const { bundle } = parentAndChild();
      const child = bundle.objects[0];
      ((child.extensions as StixObject)[INCIDENT_CORE_EXTENSION_ID] as StixObject).determination = 'confirmed';
      child.created = '2020-10-19T02:12:23Z';
      child.modified = '2020-10-19T02:12:23Z';
      const res = await file(keys.litware, bundle).expect(422);
      expect(pairs(res.body.errors)).toEqual([
        'STIX.TIMESTAMP_PRECISION /objects/0/created',
        'STIX.TIMESTAMP_PRECISION /objects/0/modified',
        `STIX.ENUM_VALUE /objects/0/extensions/${INCIDENT_CORE_EXTENSION_ID}/determination`,
      ]);
    });

    it('two unrelated incidents stay refused: INCIDENT.MORE_THAN_ONE', async () => {
      const two = [coreIncident('one', { investigation_status: 'new', determination: 'suspected' }), coreIncident('another', { investigation_status: 'new', determination: 'suspected' })];
      const res = await file(keys.litware, bundleOf(two)).expect(422);
      expect(pairs(res.body.errors)).toEqual(['INCIDENT.MORE_THAN_ONE /objects/1']);
    });
  });
});
