import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { stixIdentityIdFor } from '@isac/organisations';
import { DataSource } from 'typeorm';
import { bearer } from '../factories/bearer.js';
import { bundleOf, describingObjects, incident, incidentBundle, type Bundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';

describe('incident reporting: bad input is refused with a clear 4xx and nothing is stored', () => {
  let hub: ApiHarness;
  let reporter: string;
  let counts: () => Promise<{ objects: number; cases: number }>;

  const post = (body: string, type = STIX, key = reporter, url = '/api/v1/incidents') => hub.http.post(url).set(bearer(key)).set('Content-Type', type).send(body);

  beforeAll(async () => {
    hub = await startApi();
    reporter = await hub.key('energy', ['reporter']);
    const db = hub.app.get(DataSource);
    counts = async () => {
      const [{ objects }] = await db.query(`SELECT count(*)::int AS objects FROM stix_objects`);
      const [{ cases }] = await db.query(`SELECT count(*)::int AS cases FROM incident_cases`);
      return { objects, cases };
    };
  });
  afterAll(() => hub.close());

  /** Sends the body and checks status, problem code and (optionally) one error's code and pointer; nothing stored. */
  async function refused(body: string, status: number, code: string, error?: { code?: string; pointer: string | RegExp }, type = STIX) {
    const before = await counts();
    const res = await post(body, type).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    if (error) {
      const pointer = error.pointer instanceof RegExp ? expect.stringMatching(error.pointer) : error.pointer;
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining(error.code ? { code: error.code, pointer } : { pointer })]));
    }
    expect(await counts()).toEqual(before);
    return res.body;
  }

  const rejected = (mutate: (b: Bundle) => void, error: { code: string; pointer: string | RegExp }) => {
    const bundle = incidentBundle();
    mutate(bundle);
    return refused(JSON.stringify(bundle), 422, 'INCIDENT.BUNDLE_REJECTED', error);
  };

  it('not JSON → 400 REQUEST.MALFORMED_JSON', () => refused('{"type": "bundle", "objects": [', 400, 'REQUEST.MALFORMED_JSON'));

  it.each(['text/plain', 'application/xml', 'application/stix+json;version=2.0'])('Content-Type %s → 415', (type) =>
    refused(JSON.stringify(incidentBundle()), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', undefined, type),
  );

  it('not a bundle → 422 with the pointer to type', () => refused(JSON.stringify(incident()), 422, 'INCIDENT.BUNDLE_REJECTED', { code: 'STIX.INVALID_VALUE', pointer: '/type' }));

  it('a JSON array → 422 at the root', () => refused('[]', 422, 'INCIDENT.BUNDLE_REJECTED', { code: 'STIX.NOT_AN_OBJECT', pointer: '' }));

  it('no incident → 422 INCIDENT.MISSING', () =>
    refused(JSON.stringify(bundleOf(describingObjects(`incident--${randomUUID()}`).slice(0, 4))), 422, 'INCIDENT.BUNDLE_REJECTED', { code: 'INCIDENT.MISSING', pointer: '/objects' }));

  it('two incidents → 422 INCIDENT.MORE_THAN_ONE at the second', () =>
    rejected((b) => b.objects.push(incident()), { code: 'INCIDENT.MORE_THAN_ONE', pointer: '/objects/6' }));

  it('counts the problems in its detail: "1 problem", "2 problems", never "problem(s)" (issue 17, rough edge 7)', async () => {
    const one = await rejected((b) => (b.objects[2].id = `malware--${randomUUID()}`), { code: 'STIX.ID_TYPE_MISMATCH', pointer: '/objects/2/id' });
    expect(one.errors).toHaveLength(1);
    expect(one.detail).toBe('The bundle was rejected with 1 problem; nothing was stored.');
    const two = await rejected(
      (b) => {
        b.objects[2].id = `malware--${randomUUID()}`;
        b.objects[3].id = `malware--${randomUUID()}`;
      },
      { code: 'STIX.ID_TYPE_MISMATCH', pointer: '/objects/3/id' },
    );
    expect(two.errors).toHaveLength(2);
    expect(two.detail).toBe('The bundle was rejected with 2 problems; nothing was stored.');
  });

  it('a malformed id → STIX.INVALID_ID', () => rejected((b) => (b.objects[0].id = 'incident--not-a-uuid'), { code: 'STIX.INVALID_ID', pointer: '/objects/0/id' }));

  it('an id of another type → STIX.ID_TYPE_MISMATCH', () =>
    rejected((b) => (b.objects[2].id = `malware--${randomUUID()}`), { code: 'STIX.ID_TYPE_MISMATCH', pointer: '/objects/2/id' }));

  it('a local-time timestamp → STIX.INVALID_TIMESTAMP', () =>
    rejected((b) => (b.objects[0].created = '2026-01-10T10:00:00+02:00'), { code: 'STIX.INVALID_TIMESTAMP', pointer: '/objects/0/created' }));

  it('modified before created → STIX.TIMESTAMP_ORDER', () =>
    rejected((b) => (b.objects[0].modified = '2026-01-09T08:00:00.000Z'), { code: 'STIX.TIMESTAMP_ORDER', pointer: '/objects/0/modified' }));

  it('an unknown marking ref → STIX.UNKNOWN_MARKING', () =>
    rejected((b) => (b.objects[0].object_marking_refs = [`marking-definition--${randomUUID()}`]), { code: 'STIX.UNKNOWN_MARKING', pointer: '/objects/0/object_marking_refs/0' }));

  it("created_by_ref of another organisation → INCIDENT.CREATED_BY_OTHER_ORG", () =>
    rejected((b) => (b.objects[0].created_by_ref = stixIdentityIdFor('health')), { code: 'INCIDENT.CREATED_BY_OTHER_ORG', pointer: '/objects/0/created_by_ref' }));

  it('a reference to nothing is filed, with a STIX.UNRESOLVED_REFERENCE warning naming it (STIX 2.1 lets references dangle)', async () => {
    const bundle = incidentBundle();
    bundle.objects[5].target_ref = `malware--${randomUUID()}`;
    const res = await post(JSON.stringify(bundle), STIX).expect(201);
    expect(res.body.report.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'STIX.UNRESOLVED_REFERENCE', pointer: '/objects/5/target_ref' })]));
  });

  it('an invalid pattern → STIX.PATTERN_SYNTAX with the position', async () => {
    const body = await rejected((b) => (b.objects[2].pattern = "[ipv4-addr:value = '203.0.113.7'"), { code: 'STIX.PATTERN_SYNTAX', pointer: '/objects/2/pattern' });
    expect(body.errors.find((e: { code: string }) => e.code === 'STIX.PATTERN_SYNTAX').detail).toMatch(/\d/);
  });

  it('the same id twice with different content → STIX.VERSION_CONFLICT', () =>
    rejected((b) => b.objects.push({ ...b.objects[2], name: 'changed' }), { code: 'STIX.VERSION_CONFLICT', pointer: '/objects/6' }));

  it('__proto__ and constructor keys → STIX.UNSAFE_PROPERTY_NAME, and no prototype is polluted', async () => {
    const text = JSON.stringify(incidentBundle()).replace('"name":"Ransomware', '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"Ransomware');
    await refused(text, 422, 'INCIDENT.BUNDLE_REJECTED', { code: 'STIX.UNSAFE_PROPERTY_NAME', pointer: '/objects/0/__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deep nesting → 400 REQUEST.TOO_DEEP at the edge (or STIX.NESTING_TOO_DEEP within the limit), never a 500', async () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const text = JSON.stringify(incidentBundle()).replace('"name":"Ransomware', `"x_deep":${deep},"name":"Ransomware`);
    await refused(text, 400, 'REQUEST.TOO_DEEP');
    const deeper = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await post(deeper);
    expect([400, 422]).toContain(res.status);
  });

  it('a key without the reporter role → 403', async () => {
    const analyst = await hub.key('energy', ['analyst']);
    const res = await post(JSON.stringify(incidentBundle()), STIX, analyst).expect(403);
    expect(res.body.code).toBe('AUTH.ROLE_REQUIRED');
  });

  describe('follow-ups', () => {
    let first: Bundle;
    let caseId: string;
    beforeAll(async () => {
      first = incidentBundle();
      caseId = (await post(JSON.stringify(first)).expect(201)).body.id;
    });
    const later = (changes: Record<string, unknown>) => {
      const next = structuredClone(first);
      Object.assign(next.objects[0], { modified: '2026-01-12T00:00:00.000Z', ...changes });
      return JSON.stringify(next);
    };

    it('an older version than the case holds → 409 INCIDENT.CONFLICT', async () => {
      await post(later({ x_isac_report_stage: 'notification' })).expect(200);
      const stale = structuredClone(first);
      Object.assign(stale.objects[0], { modified: '2026-01-11T00:00:00.000Z', x_isac_report_stage: 'intermediate' });
      await refused(JSON.stringify(stale), 409, 'INCIDENT.CONFLICT');
    });

    it('no stage → 400 INCIDENT.STAGE_REQUIRED', () =>
      refused(later({ modified: '2026-01-13T00:00:00.000Z' }), 400, 'INCIDENT.STAGE_REQUIRED', { pointer: '/x_isac_report_stage' }));

    it('a second notification → 422 NIS2.DUPLICATE_STAGE', () => refused(later({ modified: '2026-01-14T00:00:00.000Z', x_isac_report_stage: 'notification' }), 422, 'NIS2.DUPLICATE_STAGE'));

    it('an unknown stage → 422 INCIDENT.UNKNOWN_STAGE', () =>
      refused(later({ modified: '2026-01-14T00:00:00.000Z', x_isac_report_stage: 'postmortem' }), 422, 'INCIDENT.BUNDLE_REJECTED', { code: 'INCIDENT.UNKNOWN_STAGE', pointer: '/objects/0/x_isac_report_stage' }));

    it("another organisation filing on someone else's incident id learns nothing of it: the same answer as for an id nobody filed, and a case of its own", async () => {
      const other = await hub.key('litware', ['reporter']);
      const attempt = (incidentId: string) => {
        const next = structuredClone(first);
        Object.assign(next.objects[0], { id: incidentId, modified: '2026-01-15T00:00:00.000Z', x_isac_report_stage: 'intermediate' });
        for (const o of next.objects) if (o.type === 'relationship' && o.target_ref === first.objects[0].id) o.target_ref = incidentId;
        delete next.objects[0].created_by_ref;
        return post(JSON.stringify(next), STIX, other);
      };
      const held = await attempt(first.objects[0].id as string);
      const unknown = await attempt(`incident--${randomUUID()}`);
      expect([held.status, held.body.code, held.body.errors]).toEqual([unknown.status, unknown.body.code, unknown.body.errors]);
      // filed as litware's own first report instead: an early warning opens litware's own case, energy's stays as it was
      const own = structuredClone(first);
      Object.assign(own.objects[0], { modified: '2026-01-15T00:00:00.000Z', x_isac_report_stage: 'early-warning', name: 'as litware saw it' });
      delete own.objects[0].created_by_ref;
      const opened = await post(JSON.stringify(own), STIX, other).expect(201);
      expect(opened.body.reporter).toBe('litware');
      expect(opened.body.id).not.toBe(caseId);
      const energyCase = await hub.http.get(`/api/v1/incidents/${caseId}`).set(bearer(reporter)).expect(200);
      expect(energyCase.body.name).not.toBe('as litware saw it');
    });
  });
});

describe('the size limit (MAX_BUNDLE_BYTES)', () => {
  let hub: ApiHarness;
  beforeAll(async () => {
    hub = await startApi({ env: { MAX_BUNDLE_BYTES: '20000' } });
  });
  afterAll(() => hub.close());

  it('413 REQUEST.TOO_LARGE beyond it, on both endpoints', async () => {
    const key = await hub.key('energy', ['reporter']);
    const big = incidentBundle({ extra: { description: 'x'.repeat(30_000) } });
    for (const url of ['/api/v1/incidents', '/api/v1/stix/validate']) {
      const res = await hub.http.post(url).set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(big)).expect(413);
      expect(res.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    }
    const db = hub.app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM stix_objects`))[0].n).toBe(0);
  });
});

describe('POST /api/v1/stix/validate', () => {
  let hub: ApiHarness;
  let key: string;
  beforeAll(async () => {
    hub = await startApi();
    key = await hub.key('health', ['analyst']);
  });
  afterAll(() => hub.close());

  it('MITRE ATT&CK for ICS (1,826 objects, custom x-mitre-* types) validates with no error, and nothing is stored', async () => {
    const text = await readFile(path.resolve(process.cwd(), '../shared/data/mitre-attack-ics.json'), 'utf8');
    const res = await hub.http.post('/api/v1/stix/validate').set(bearer(key)).set('Content-Type', 'application/json').send(text).expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.valid).toBe(true);
    const db = hub.app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM stix_objects`))[0].n).toBe(0);
  });

  it('reports every problem at once with index, id and pointer (200: it is a dry run)', async () => {
    const bundle = incidentBundle();
    bundle.objects[0].created = '2026-01-10T10:00:00+02:00';
    bundle.objects[2].pattern = '[ipv4-addr:value = ';
    const res = await hub.http.post('/api/v1/stix/validate').set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(bundle)).expect(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'STIX.INVALID_TIMESTAMP', index: 0, id: bundle.objects[0].id, pointer: '/objects/0/created' }),
        expect.objectContaining({ code: 'STIX.PATTERN_SYNTAX', index: 2, pointer: '/objects/2/pattern' }),
      ]),
    );
  });

  it('415 for a wrong content type, 400 for malformed JSON', async () => {
    expect((await hub.http.post('/api/v1/stix/validate').set(bearer(key)).set('Content-Type', 'text/plain').send('{}').expect(415)).body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect((await hub.http.post('/api/v1/stix/validate').set(bearer(key)).set('Content-Type', STIX).send('{').expect(400)).body.code).toBe('REQUEST.MALFORMED_JSON');
  });
});
