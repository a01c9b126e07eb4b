import { DataSource } from 'typeorm';
import { stixIdentityIdFor } from '@isac/organisations';
import { markingRefFor, validateBundle } from '@isac/stix';
import { bearer } from '../factories/bearer.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// Issue 18: registers exchanged as STIX 2.1 over REST. A bundle uploaded becomes entries of the
// caller's own register; the bundle pulled holds exactly the entries the caller may read, by the
// same TLP decisions (and audit) as GET /api/v1/infrastructure.
const STIX = 'application/stix+json;version=2.1';
const T = '2026-12-01T00:00:00.000Z';
const common = { spec_version: '2.1', created: T, modified: T };
const SECRET_CPE = 'cpe:2.3:a:examplesoft:turbine_controller:3.1.4:*:*:*:*:*:*:*';
const PUBLIC_CPE = 'cpe:2.3:a:examplesoft:web_portal:2.0:*:*:*:*:*:*:*';

const strict = {
  type: 'infrastructure',
  id: 'infrastructure--7a1e0c2b-1111-4a2b-9c3d-000000000001',
  ...common,
  name: 'Turbine control (strict)',
  infrastructure_types: ['control-system'],
  x_isac_criticality: 'critical',
};
const green = {
  type: 'infrastructure',
  id: 'infrastructure--7a1e0c2b-1111-4a2b-9c3d-000000000002',
  ...common,
  name: 'Customer portal (green)',
  x_isac_kind: 'service',
  x_isac_criticality: 'low',
  object_marking_refs: [markingRefFor('TLP:GREEN')],
};
const turbineSoftware = {
  type: 'software',
  spec_version: '2.1',
  id: 'software--7a1e0c2b-2222-4a2b-9c3d-000000000001',
  name: 'Turbine controller',
  cpe: SECRET_CPE,
};
const portalSoftware = { type: 'software', spec_version: '2.1', id: 'software--7a1e0c2b-2222-4a2b-9c3d-000000000002', name: 'Web portal', cpe: PUBLIC_CPE };
const secretSupplier = {
  type: 'identity',
  id: 'identity--7a1e0c2b-3333-4a2b-9c3d-000000000001',
  ...common,
  name: 'Hidden Turbine Services',
  identity_class: 'organization',
};
const rel = (n: number, type: string, source: string, target: string) => ({
  type: 'relationship',
  id: `relationship--7a1e0c2b-4444-4a2b-9c3d-00000000000${n}`,
  ...common,
  relationship_type: type,
  source_ref: source,
  target_ref: target,
});
const bundleOf = (objects: object[]) => ({ type: 'bundle', id: 'bundle--7a1e0c2b-5555-4a2b-9c3d-000000000001', objects });
const REGISTER = bundleOf([
  strict,
  green,
  turbineSoftware,
  portalSoftware,
  secretSupplier,
  rel(1, 'consists-of', strict.id, turbineSoftware.id),
  rel(2, 'related-to', strict.id, secretSupplier.id),
  rel(3, 'related-to', strict.id, stixIdentityIdFor('fabrikam')),
  rel(4, 'consists-of', green.id, portalSoftware.id),
]);

type StixObject = Record<string, unknown>;

describe('registers as STIX 2.1 over REST', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  let created: { source: string; id: string; name: string; tlp: string; dependsOn: string[] }[];

  beforeAll(async () => {
    hub = await startApi();
    for (const org of ['centre', 'energy', 'litware', 'adatum', 'lamna-hospital']) keys[org] = await hub.key(org, ['analyst']);
    const res = await hub.http
      .post('/api/v1/infrastructure/stix')
      .set(bearer(keys.litware))
      .set('Content-Type', STIX)
      .send(JSON.stringify(REGISTER))
      .expect(201);
    created = res.body.entries;
  });
  afterAll(() => hub.close());

  const pull = async (org: string, query = '?organisation=litware') => {
    const res = await hub.http.get(`/api/v1/infrastructure/stix${query}`).set(bearer(keys[org])).expect(200);
    return { res, bundle: JSON.parse(res.text) as { type: string; objects: StixObject[] } };
  };
  const ofType = (objects: StixObject[], type: string) => objects.filter((o) => o.type === type);

  it('stores each infrastructure object as an entry of the caller’s register, and the list shows them', async () => {
    expect(created.map((e) => [e.source, e.name, e.tlp])).toEqual([
      [strict.id, strict.name, 'TLP:AMBER+STRICT'],
      [green.id, green.name, 'TLP:GREEN'],
    ]);
    expect(created[0].dependsOn).toEqual(['external:hidden turbine services', 'fabrikam']);
    const listed = (await hub.http.get('/api/v1/infrastructure?organisation=litware').set(bearer(keys.litware)).expect(200)).body.entries;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: created[0].id, name: strict.name, kind: 'ot', criticality: 'critical', products: [SECRET_CPE] }),
        expect.objectContaining({ id: created[1].id, name: green.name, kind: 'service', criticality: 'low', products: [PUBLIC_CPE], dependsOn: [] }),
      ]),
    );
  });

  it('answers the register as an equivalent bundle, valid STIX 2.1 by the hub’s validator', async () => {
    const { res, bundle } = await pull('litware');
    expect(res.headers['content-type']).toMatch(/^application\/stix\+json; ?version=2\.1/);
    expect(validateBundle(bundle).errors).toEqual([]);
    const infra = created.map((e) => bundle.objects.find((o) => o.id === `infrastructure--${e.id}`)!);
    expect(infra.map((o) => [o.name, o.x_isac_kind, o.x_isac_criticality, o.created_by_ref, o.object_marking_refs])).toEqual([
      [strict.name, 'ot', 'critical', stixIdentityIdFor('litware'), [markingRefFor('TLP:AMBER+STRICT')]],
      [green.name, 'service', 'low', stixIdentityIdFor('litware'), [markingRefFor('TLP:GREEN')]],
    ]);
    const byId = new Map(bundle.objects.map((o) => [o.id, o]));
    const targets = (source: StixObject, type: string) =>
      ofType(bundle.objects, 'relationship')
        .filter((r) => r.source_ref === source.id && r.relationship_type === type)
        .map((r) => byId.get(r.target_ref as string));
    expect(targets(infra[0], 'consists-of').map((s) => s?.cpe)).toEqual([SECRET_CPE]);
    expect(targets(infra[0], 'related-to').map((i) => [i?.name, i?.x_isac_slug])).toEqual(
      expect.arrayContaining([
        ['hidden turbine services', undefined],
        ['Fabrikam Mobile', 'fabrikam'],
      ]),
    );
    // nothing to read is still a valid bundle: the reader's own identity, nothing of anyone's register
    const { bundle: none } = await pull('lamna-hospital', '?organisation=no-such-org');
    expect(validateBundle(none).errors).toEqual([]);
    expect(none.objects.map((o) => o.id)).toEqual([stixIdentityIdFor('lamna-hospital')]);
    // plain JSON for a client that asks only for it
    const plain = await hub.http
      .get('/api/v1/infrastructure/stix?organisation=litware')
      .set(bearer(keys.litware))
      .set('Accept', 'application/json')
      .expect(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
  });

  it('the sector unit and the centre get the AMBER+STRICT entry, other members none of it; reads audited as the list’s', async () => {
    for (const org of ['energy', 'centre']) {
      const { bundle } = await pull(org);
      expect(ofType(bundle.objects, 'infrastructure').map((o) => o.name)).toEqual(expect.arrayContaining([strict.name, green.name]));
    }
    for (const org of ['lamna-hospital', 'adatum']) {
      const { res, bundle } = await pull(org, '');
      const names = ofType(bundle.objects, 'infrastructure').map((o) => o.name);
      expect(names).toContain(green.name);
      expect(names).not.toContain(strict.name);
      // nothing of it anywhere in the answer: not its product, its supplier or its id
      for (const secret of [SECRET_CPE, 'hidden turbine services', created[0].id, 'turbine'])
        expect(res.text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    const audited = await hub.app
      .get(DataSource)
      .query(
        `SELECT DISTINCT o.slug FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE a.item_kind = 'infrastructure-entry' AND a.item_id = $1`,
        [created[0].id],
      );
    expect(audited.map((r: { slug: string }) => r.slug).sort()).toEqual(['centre', 'energy']);
  });

  it('refuses an unauthenticated call', async () => {
    await hub.http.get('/api/v1/infrastructure/stix').expect(401);
    await hub.http.post('/api/v1/infrastructure/stix').set('Content-Type', STIX).send(JSON.stringify(REGISTER)).expect(401);
  });

  it('refuses a bundle claiming another organisation’s identity, naming the object, and stores nothing of it', async () => {
    const before = (await hub.http.get('/api/v1/infrastructure?organisation=litware').set(bearer(keys.litware)).expect(200)).body.entries.length;
    const claimed = { ...strict, id: 'infrastructure--7a1e0c2b-1111-4a2b-9c3d-000000000009', name: 'Forged', created_by_ref: stixIdentityIdFor('adatum') };
    const res = await hub.http
      .post('/api/v1/infrastructure/stix')
      .set(bearer(keys.litware))
      .set('Content-Type', STIX)
      .send(JSON.stringify(bundleOf([green, claimed])))
      .expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'INFRASTRUCTURE.BUNDLE_REJECTED',
      errors: [{ pointer: '/objects/1/created_by_ref', code: 'INFRASTRUCTURE.CREATED_BY_OTHER_ORG' }],
    });
    expect(res.body.errors[0].detail).toContain(claimed.id);
    const after = (await hub.http.get('/api/v1/infrastructure?organisation=litware').set(bearer(keys.litware)).expect(200)).body.entries.length;
    expect(after).toBe(before);
    // nor can adatum's register be written by uploading litware's own bundle from adatum's key
    const forged = await hub.http
      .post('/api/v1/infrastructure/stix')
      .set(bearer(keys.adatum))
      .set('Content-Type', STIX)
      .send(JSON.stringify(bundleOf([{ ...green, created_by_ref: stixIdentityIdFor('litware') }])))
      .expect(422);
    expect(forged.body.errors).toEqual([expect.objectContaining({ pointer: '/objects/0/created_by_ref' })]);
  });

  it('points at each part a register cannot take: a bad CPE, an unknown slug, invalid STIX; and wants a STIX media type', async () => {
    const badCpe = { ...portalSoftware, cpe: 'cpe:2.3:a:examplesoft' };
    const unknown = {
      type: 'identity',
      id: 'identity--7a1e0c2b-3333-4a2b-9c3d-000000000002',
      ...common,
      name: 'x',
      identity_class: 'organization',
      x_isac_slug: 'no-such-org',
    };
    const res = await hub.http
      .post('/api/v1/infrastructure/stix')
      .set(bearer(keys.litware))
      .set('Content-Type', STIX)
      .send(JSON.stringify(bundleOf([green, badCpe, unknown, rel(4, 'consists-of', green.id, badCpe.id), rel(5, 'related-to', green.id, unknown.id)])))
      .expect(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/objects/1/cpe', '/objects/4/target_ref']);
    const invalid = await hub.http
      .post('/api/v1/infrastructure/stix')
      .set(bearer(keys.litware))
      .set('Content-Type', STIX)
      .send(JSON.stringify(bundleOf([{ ...green, created: 'yesterday' }])))
      .expect(422);
    expect(invalid.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/objects/0/created' })]));
    await hub.http.post('/api/v1/infrastructure/stix').set(bearer(keys.litware)).set('Content-Type', 'text/plain').send('{}').expect(415);
  });
});
