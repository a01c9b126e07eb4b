import { markingRefFor, TLP1_MARKING_IDS, validateBundle } from '@isac/stix';
import { externalSupplierId, readRegisterBundle, registerBundle, softwareOf, supplierIdFor, type StixRegisterEntry } from './register-stix.js';

const identityId = (slug: string) => `identity--${slug === 'litware' ? '1' : slug === 'fabrikam' ? '2' : '3'}0000000-0000-5000-8000-000000000000`;
const identity = (slug: string) => ({
  type: 'identity',
  spec_version: '2.1',
  id: identityId(slug),
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: slug,
  identity_class: 'organization',
  x_isac_slug: slug,
});
const network = new Set(['litware', 'fabrikam', 'energy']);
const identities = { identityOf: (slug: string) => (network.has(slug) ? identity(slug) : undefined) };
const slugOfIdentity = (id: string) => [...network].find((slug) => identityId(slug) === id);

const VPN = 'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*';
const GATEWAY = 'cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:*:*:*:*:*:*';
const at = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-02T10:00:00.000Z');

const entry = (over: Partial<StixRegisterEntry> = {}): StixRegisterEntry => ({
  id: '6f1c0a6e-2b1d-4c3e-9f00-000000000001',
  orgSlug: 'litware',
  name: 'Grid control remote access',
  kind: 'ot',
  criticality: 'critical',
  products: [VPN],
  dependsOn: ['fabrikam', 'external:example cloud'],
  tlp: 'TLP:AMBER+STRICT',
  createdAt: at,
  updatedAt: later,
  ...over,
});

const byType = (objects: Record<string, unknown>[], type: string) => objects.filter((o) => o.type === type);

describe('a register as STIX 2.1', () => {
  it('maps an entry to infrastructure, software, relationships and identities, marked and authored, valid for the hub validator', () => {
    const bundle = registerBundle([entry()], identities, 'bundle--0f0e0d0c-0000-4000-8000-000000000001');
    const report = validateBundle(bundle);
    expect(report.errors).toEqual([]);
    // the only warnings: the deterministic (v5) ids of what the register derives, as the hub's identities have
    expect(new Set(report.warnings.map((w) => w.code))).toEqual(new Set(['STIX.UUID_VERSION']));

    const [infra] = byType(bundle.objects, 'infrastructure');
    expect(infra).toEqual({
      type: 'infrastructure',
      spec_version: '2.1',
      id: 'infrastructure--6f1c0a6e-2b1d-4c3e-9f00-000000000001',
      created: at.toISOString(),
      modified: later.toISOString(),
      created_by_ref: identityId('litware'),
      object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')],
      name: 'Grid control remote access',
      infrastructure_types: ['control-system'],
      x_isac_kind: 'ot',
      x_isac_criticality: 'critical',
    });
    const [software] = byType(bundle.objects, 'software');
    expect(software).toMatchObject({
      cpe: VPN,
      name: 'ivanti connect_secure',
      vendor: 'ivanti',
      version: '22.7r2.3',
      object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')],
    });
    expect(software.id).toBe(softwareOf(VPN).id);
    const supplier = byType(bundle.objects, 'identity').find((o) => o.name === 'example cloud')!;
    expect(supplier).toMatchObject({ created_by_ref: identityId('litware'), object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')] });
    const relationships = byType(bundle.objects, 'relationship').map((r) => [r.relationship_type, r.source_ref, r.target_ref]);
    expect(relationships).toEqual([
      ['consists-of', infra.id, software.id],
      ['related-to', infra.id, identityId('fabrikam')],
      ['related-to', infra.id, supplier.id],
    ]);
    // the author's and the provider's identities travel with it, and the marking definition it uses
    expect(bundle.objects.map((o) => o.id)).toEqual(expect.arrayContaining([identityId('litware'), identityId('fabrikam'), markingRefFor('TLP:AMBER+STRICT')]));
  });

  it('gives the same ids when read again, and a product shared by entries once, under the strictest of their markings', () => {
    const a = entry({ tlp: 'TLP:GREEN' });
    const b = entry({ id: '6f1c0a6e-2b1d-4c3e-9f00-000000000002', name: 'Billing', kind: 'service', tlp: 'TLP:RED', dependsOn: [] });
    const first = registerBundle([a, b], identities, 'bundle--0f0e0d0c-0000-4000-8000-000000000001');
    const second = registerBundle([a, b], identities, 'bundle--0f0e0d0c-0000-4000-8000-000000000002');
    expect(second.objects).toEqual(first.objects);
    const software = byType(first.objects, 'software');
    expect(software).toHaveLength(1);
    expect(software[0].object_marking_refs).toEqual([markingRefFor('TLP:RED')]);
    expect(validateBundle(first).errors).toEqual([]);
  });

  it("gives the store one supplier identity per marking and recipients: the same for the same reach, whatever the recipients' order", () => {
    const [centre, unit, other] = ['c0000000-0000-4000-8000-000000000000', 'e0000000-0000-4000-8000-000000000000', 'f0000000-0000-4000-8000-000000000000'];
    const green = supplierIdFor('litware', 'external:example cloud', 'TLP:GREEN', [centre, unit]);
    expect(supplierIdFor('litware', 'external:example cloud', 'TLP:GREEN', [unit, centre, unit])).toBe(green);
    const others = [
      supplierIdFor('litware', 'external:example cloud', 'TLP:AMBER+STRICT', [centre, unit]),
      supplierIdFor('litware', 'external:example cloud', 'TLP:GREEN', [centre, other]),
      supplierIdFor('fabrikam', 'external:example cloud', 'TLP:GREEN', [centre, unit]),
      supplierIdFor('litware', 'external:other cloud', 'TLP:GREEN', [centre, unit]),
      externalSupplierId('litware', 'external:example cloud'),
    ];
    expect(new Set([green, ...others]).size).toBe(6);
    expect(green).toMatch(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads its own bundle back as the same entries', () => {
    const entries = [
      entry(),
      entry({
        id: '6f1c0a6e-2b1d-4c3e-9f00-000000000002',
        name: 'Portal',
        kind: 'cloud',
        criticality: 'low',
        products: [GATEWAY, VPN],
        dependsOn: [],
        tlp: 'TLP:GREEN',
      }),
    ];
    const read = readRegisterBundle(registerBundle(entries, identities, 'bundle--0f0e0d0c-0000-4000-8000-000000000001'), {
      ownIdentityId: identityId('litware'),
      slugOfIdentity,
    });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.entries.map((e) => e.request)).toEqual([
      {
        name: 'Grid control remote access',
        kind: 'ot',
        criticality: 'critical',
        products: [VPN],
        dependsOn: ['fabrikam', 'external:example cloud'],
        tlp: 'TLP:AMBER+STRICT',
      },
      { name: 'Portal', kind: 'cloud', criticality: 'low', products: [GATEWAY, VPN], dependsOn: [], tlp: 'TLP:GREEN' },
    ]);
    // each part points at where it came from, for the refusal of a bad product or provider
    expect(read.entries[0].pointers.products[0]).toMatch(/^\/objects\/\d+\/cpe$/);
    expect(read.entries[0].pointers.dependsOn).toHaveLength(2);
  });

  const T = '2026-12-01T00:00:00.000Z';
  const common = { spec_version: '2.1', created: T, modified: T };
  const bundle = (objects: object[]) => ({ type: 'bundle', id: 'bundle--6b1c2f0e-0000-4000-8000-000000000001', objects });
  const infra = (n: number, extra: object = {}) => ({
    type: 'infrastructure',
    id: `infrastructure--00000000-0000-4000-8000-00000000000${n}`,
    ...common,
    name: `Service ${n}`,
    ...extra,
  });
  const rel = (n: number, type: string, source: { id: string }, target: string) => ({
    type: 'relationship',
    id: `relationship--00000000-0000-4000-8000-00000000010${n}`,
    ...common,
    relationship_type: type,
    source_ref: source.id,
    target_ref: target,
  });
  const own = { ownIdentityId: identityId('litware'), slugOfIdentity };

  it('reads a foreign tool’s bundle: kinds from infrastructure types, providers by network identity id, TLP 1.0 markings, default TLP when unmarked', () => {
    const grid = infra(1, {
      infrastructure_types: ['routers-switches'],
      x_isac_criticality: 'high',
      object_marking_refs: [TLP1_MARKING_IDS.amber, TLP1_MARKING_IDS.red],
    });
    const mail = infra(2, { x_isac_criticality: 'low' });
    const read = readRegisterBundle(bundle([grid, mail, rel(1, 'related-to', grid, identityId('fabrikam'))]), own);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.entries.map((e) => e.request)).toEqual([
      { name: 'Service 1', kind: 'network', criticality: 'high', products: [], dependsOn: ['fabrikam'], tlp: 'TLP:RED' },
      { name: 'Service 2', kind: 'service', criticality: 'low', products: [], dependsOn: [] },
    ]);
  });

  it('marks an entry as strictly as any marking on it or its relationships, granular parts included: nothing of it is kept under a wider one', () => {
    const granular = infra(1, {
      x_isac_criticality: 'high',
      object_marking_refs: [markingRefFor('TLP:GREEN')],
      granular_markings: [{ marking_ref: markingRefFor('TLP:RED'), selectors: ['name'] }],
    });
    const plain = infra(2, { x_isac_criticality: 'low', object_marking_refs: [markingRefFor('TLP:GREEN')] });
    const strictLink = { ...rel(1, 'related-to', plain, identityId('fabrikam')), object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')] };
    const read = readRegisterBundle(bundle([granular, plain, strictLink]), own);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.entries.map((e) => e.request.tlp)).toEqual(['TLP:RED', 'TLP:AMBER+STRICT']);
  });

  it('refuses, each at its pointer: another network organisation as author, no criticality, software without cpe, an unknown provider, invalid STIX', () => {
    const foreign = infra(1, { x_isac_criticality: 'high', created_by_ref: identityId('fabrikam') });
    const noCriticality = infra(2);
    const nameless = { type: 'software', spec_version: '2.1', id: 'software--00000000-0000-4000-8000-000000000009', name: 'x' };
    const read = readRegisterBundle(
      bundle([
        foreign,
        noCriticality,
        nameless,
        rel(1, 'consists-of', noCriticality, nameless.id),
        rel(2, 'related-to', noCriticality, 'identity--00000000-0000-4000-8000-000000000099'),
      ]),
      own,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.code, p.pointer])).toEqual([
      ['INFRASTRUCTURE.CREATED_BY_OTHER_ORG', '/objects/0/created_by_ref'],
      ['INFRASTRUCTURE.BAD_ENTRY', '/objects/1/x_isac_criticality'],
      ['INFRASTRUCTURE.BAD_ENTRY', '/objects/2'],
      ['INFRASTRUCTURE.UNRESOLVED_REFERENCE', '/objects/4/target_ref'],
    ]);
    // an outside author (not of the network) is kept: the entries are the caller's all the same
    expect(
      readRegisterBundle(bundle([infra(1, { x_isac_criticality: 'low', created_by_ref: 'identity--00000000-0000-4000-8000-000000000042' })]), own).ok,
    ).toBe(true);
    const invalid = readRegisterBundle(bundle([{ ...infra(1), created: 'yesterday' }]), own);
    expect(invalid.ok ? [] : invalid.problems.map((p) => p.pointer)).toContain('/objects/0/created');
    const longSupplier = {
      type: 'identity',
      id: 'identity--00000000-0000-4000-8000-000000000077',
      ...common,
      name: 'x'.repeat(400),
      identity_class: 'organization',
    };
    const tooLong = readRegisterBundle(bundle([infra(1, { x_isac_criticality: 'low' }), longSupplier, rel(1, 'related-to', infra(1), longSupplier.id)]), own);
    expect(tooLong.ok ? [] : tooLong.problems.map((p) => p.pointer)).toEqual(['/objects/2/target_ref']);
    const empty = readRegisterBundle(bundle([nameless]), own);
    expect(empty.ok ? [] : empty.problems.map((p) => p.code)).toEqual(['INFRASTRUCTURE.NO_INFRASTRUCTURE']);
  });
});
