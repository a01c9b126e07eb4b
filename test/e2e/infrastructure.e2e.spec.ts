import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

// Issue 18: registers at different TLPs, targeted warnings that reach exactly the exposed (and
// their sector units), and readers outside a register's TLP learning nothing of it.
const ORGS = ['centre', 'energy', 'health', 'finance', 'litware', 'adatum', 'northwind-power', 'lamna-hospital', 'proseware'] as const;
type Org = (typeof ORGS)[number];
const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const BELOW_22_7R2_5 = { cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*', versionEndExcluding: '22.7R2.5' };

const REGISTERS: Record<string, { org: Org; entry: Record<string, unknown> }> = {
  gridControl: { org: 'litware', entry: { name: 'Grid control remote access', kind: 'ot', criticality: 'critical', products: [IVANTI('22.7r2.3')], dependsOn: ['fabrikam', 'external:Example Cloud'] } },
  marketVpn: { org: 'adatum', entry: { name: 'Market VPN', kind: 'network', criticality: 'critical', products: [IVANTI('22.7r2.10')], dependsOn: ['fabrikam'], tlp: 'TLP:RED' } },
  records: { org: 'lamna-hospital', entry: { name: 'Patient records', kind: 'system', criticality: 'high', products: [IVANTI('22.7r1')], dependsOn: ['external:example cloud'], tlp: 'TLP:AMBER' } },
  clearing: { org: 'proseware', entry: { name: 'Clearing engine', kind: 'service', criticality: 'critical', products: ['cpe:2.3:a:examplesoft:clearing:4.2:*:*:*:*:*:*:*'], dependsOn: ['fabrikam'], tlp: 'TLP:GREEN' } },
};

describe('critical infrastructure registers and targeted warnings', () => {
  let hub: AdvisoryHub;
  const keys = {} as Record<Org, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    for (const org of ORGS) keys[org] = await hub.key(org, ['analyst']);
    for (const [name, { org, entry }] of Object.entries(REGISTERS)) {
      const res = await hub.http.post('/api/v1/infrastructure').set(bearer(keys[org])).send(entry).expect(201);
      ids[name] = res.body.id;
    }
  });
  afterAll(() => hub.close());

  const routed = async (advisoryId: string) => {
    await hub.until(`routing of ${advisoryId}`, async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [advisoryId]))[0]?.routed_at != null);
    return Object.fromEntries(await hub.inboxCount(advisoryId));
  };
  const listed = async (org: Org, query = '') => (await hub.http.get(`/api/v1/infrastructure${query}`).set(bearer(keys[org])).expect(200)).body.entries.map((e: { name: string }) => e.name).sort();

  it('an entry is registered with the default TLP:AMBER+STRICT, addressed to the centre and its sector unit', async () => {
    const [row] = await hub.db.query(
      `SELECT e.tlp, array(SELECT o.slug FROM organisations o WHERE o.id = ANY(e.recipient_org_ids) ORDER BY o.slug) AS recipients FROM infrastructure_entries e WHERE e.id = $1`,
      [ids.gridControl],
    );
    expect(row).toEqual({ tlp: 'TLP:AMBER+STRICT', recipients: ['centre', 'energy'] });
  });

  it('refuses a bad CPE name with problem+json pointing at it', async () => {
    const res = await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ name: 'x', kind: 'software', criticality: 'low', products: [IVANTI('1.0'), 'cpe:2.3:a:ivanti'] }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'INFRASTRUCTURE.INVALID', errors: [{ pointer: '/products/1', code: 'INFRASTRUCTURE.BAD_CPE' }] });
    const bad = await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ name: 'x', kind: 'mainframe', criticality: 'low', dependsOn: ['no-such-org'] }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    const unknown = await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ name: 'x', kind: 'cloud', criticality: 'low', dependsOn: ['no-such-org'] }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/dependsOn/0' })]);
  });

  it('a warning to a product range reaches exactly the exposed organisations and their sector units', async () => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send(advisoryRequest({ title: 'Connect Secure before 22.7R2.5', tlp: 'TLP:AMBER', audience: { products: [BELOW_22_7R2_5] } })).expect(201);
    // adatum runs 22.7R2.10 (outside the range), proseware another product: neither is reached
    expect(await routed(res.body.id)).toEqual({ litware: 1, energy: 1, 'lamna-hospital': 1, health: 1 });
    const detail = (await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(keys.centre)).expect(200)).body;
    expect(detail.receipts.map((r: { organisation: { slug: string } }) => r.organisation.slug).sort()).toEqual(['energy', 'health', 'lamna-hospital', 'litware']);
    expect(detail.exposure).toEqual({ matchedOrganisations: 2, unnamedReceipts: { delivered: 0, read: 0, acknowledged: 0 } });
    for (const org of ['proseware', 'finance'] as const) await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(keys[org])).expect(404);
    // no inbox entry for energy's other members, but TLP:AMBER named to energy is theirs to read as its clients (the policy's rule)
    await hub.http.get(`/api/v1/advisories/${res.body.id}`).set(bearer(keys.adatum)).expect(200);
  });

  it('AMBER+STRICT and RED go to named organisations only: a targeted audience alone is refused by the TLP rules', async () => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send(advisoryRequest({ tlp: 'TLP:AMBER+STRICT', audience: { products: [BELOW_22_7R2_5] } })).expect(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'TLP.AUDIENCE_NOT_NAMED' })]);
  });

  it('a version just outside the range matches nobody', async () => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send(advisoryRequest({ tlp: 'TLP:AMBER', audience: { products: [{ ...BELOW_22_7R2_5, versionEndExcluding: '22.7R1' }] } })).expect(201);
    expect(await routed(res.body.id)).toEqual({});
  });

  it('a sector unit targets by provider within its own sector, combined as a union with named organisations', async () => {
    const res = await hub.http.post('/api/v1/advisories').set(bearer(keys.energy)).send(advisoryRequest({ tlp: 'TLP:GREEN', audience: { dependsOn: ['fabrikam'], organisations: ['northwind-power'] } })).expect(201);
    // proseware depends on fabrikam too, but its register is the finance sector's
    expect(await routed(res.body.id)).toEqual({ litware: 1, adatum: 1, 'northwind-power': 1 });
  });

  it('members do not target by exposure; bad match strings are 400 with their pointer', async () => {
    const member = await hub.http.post('/api/v1/advisories').set(bearer(keys.litware)).send(advisoryRequest({ audience: { dependsOn: ['fabrikam'] } })).expect(403);
    expect(member.body.code).toBe('ADVISORY.OUT_OF_SCOPE');
    const bad = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send(advisoryRequest({ audience: { products: [{ cpe: 'cpe:2.3:a:ivanti:connect*secure:*:*:*:*:*:*:*:*' }] } })).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/audience/products/0/cpe' })]);
    const notNested = await hub.http.post('/api/v1/advisories').set(bearer(keys.centre)).send(advisoryRequest({ audience: { products: ['cpe:2.3:a:x:y:*:*:*:*:*:*:*:*'] } })).expect(400);
    expect(notNested.body.code).toBeDefined();
  });

  it('GET lists what each reader may read under the TLP policy, and filters by organisation and sector', async () => {
    expect(await listed('centre')).toEqual(['Clearing engine', 'Grid control remote access', 'Market VPN', 'Patient records']);
    expect(await listed('energy')).toEqual(['Clearing engine', 'Grid control remote access', 'Market VPN']);
    expect(await listed('health')).toEqual(['Clearing engine', 'Patient records']);
    // AMBER reaches the members of the named sector unit (FIRST TLP 2.0 clients); AMBER+STRICT and RED do not
    expect(await listed('northwind-power')).toEqual(['Clearing engine']);
    expect(await listed('proseware')).toEqual(['Clearing engine']);
    expect(await listed('proseware', '?organisation=litware')).toEqual([]);
    expect(await listed('centre', '?sector=energy')).toEqual(['Grid control remote access', 'Market VPN']);
    expect(await listed('centre', '?organisation=lamna-hospital')).toEqual(['Patient records']);
  });

  it('a reader outside the TLP learns nothing of other registers from the graph', async () => {
    const graph = (await hub.http.get('/api/v1/infrastructure/graph').set(bearer(keys.proseware)).expect(200)).body;
    const text = JSON.stringify(graph);
    for (const hidden of ['Grid control', 'Market VPN', 'Patient records', 'litware', 'adatum', 'lamna-hospital', 'example cloud']) expect(text).not.toContain(hidden);
    expect(graph.singlePointsOfFailure).toEqual([]);
  });

  it("the centre's graph has the dependencies and the single points of failure", async () => {
    const graph = (await hub.http.get('/api/v1/infrastructure/graph').set(bearer(keys.centre)).expect(200)).body;
    expect(graph.edges).toContainEqual({ from: `entry:${ids.gridControl}`, to: 'org:fabrikam', type: 'depends-on' });
    expect(graph.edges).toContainEqual({ from: 'org:litware', to: `entry:${ids.gridControl}`, type: 'holds' });
    expect(graph.singlePointsOfFailure).toEqual([
      { provider: 'fabrikam', criticalDependents: 3, organisations: ['adatum', 'litware', 'proseware'], entries: [ids.gridControl, ids.marketVpn, ids.clearing] },
      { provider: 'external:example cloud', criticalDependents: 2, organisations: ['lamna-hospital', 'litware'], entries: [ids.gridControl, ids.records] },
    ]);
  });

  it('reads of AMBER and RED entries by another organisation are audited', async () => {
    await listed('centre', '?organisation=adatum');
    const rows = await hub.db.query(
      `SELECT o.slug FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE a.item_kind = 'infrastructure-entry' AND a.item_id = $1`,
      [ids.marketVpn],
    );
    expect(rows.map((r: { slug: string }) => r.slug)).toContain('centre');
    const green = await hub.db.query(`SELECT 1 FROM audit_log WHERE item_id = $1`, [ids.clearing]);
    expect(green).toEqual([]);
  });
});
