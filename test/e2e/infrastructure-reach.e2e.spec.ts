import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

// Issue 18, impact reach: a case names an affected product or provider; the centre (and anyone
// else, within what it may read) asks which organisations and sectors run it or depend on it.
const ORGS = ['centre', 'energy', 'litware', 'health'] as const;
type Org = (typeof ORGS)[number];
const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const ANY_IVANTI = 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*';

const REGISTERS = {
  gridControl: { org: 'litware', entry: { name: 'Grid control remote access', kind: 'ot', criticality: 'critical', products: [IVANTI('22.7r2.3')], dependsOn: ['fabrikam', 'external:Example Cloud'] } },
  marketVpn: { org: 'adatum', entry: { name: 'Market VPN', kind: 'network', criticality: 'high', products: [IVANTI('22.7r2.10')], dependsOn: ['fabrikam'], tlp: 'TLP:RED' } },
  records: { org: 'lamna-hospital', entry: { name: 'Patient records', kind: 'system', criticality: 'high', products: [IVANTI('22.7r1')], dependsOn: ['external:example cloud'], tlp: 'TLP:AMBER' } },
  clearing: { org: 'proseware', entry: { name: 'Clearing engine', kind: 'service', criticality: 'medium', products: ['cpe:2.3:a:examplesoft:clearing:4.2:*:*:*:*:*:*:*'], dependsOn: ['fabrikam'], tlp: 'TLP:GREEN' } },
} as const;

describe('impact reach of a product or provider', () => {
  let hub: AdvisoryHub;
  const keys = {} as Record<Org, string>;
  const ids = {} as Record<keyof typeof REGISTERS, string>;

  beforeAll(async () => {
    hub = await startAdvisoryHub({ worker: false });
    for (const org of ORGS) keys[org] = await hub.key(org, ['analyst']);
    for (const [name, { org, entry }] of Object.entries(REGISTERS)) {
      const key = keys[org as Org] ?? (await hub.key(org, ['analyst']));
      ids[name as keyof typeof REGISTERS] = (await hub.http.post('/api/v1/infrastructure').set(bearer(key)).send(entry).expect(201)).body.id;
    }
  });
  afterAll(() => hub.close());

  const reach = (org: Org, query: Record<string, string | string[]>) => hub.http.get('/api/v1/infrastructure/reach').query(query).set(bearer(keys[org]));
  const names = (body: { entries: { name: string }[] }) => body.entries.map((e) => e.name).sort();

  it('the centre sees who runs a product range, by organisation and sector, and only those reads are audited', async () => {
    const res = await reach('centre', { product: ANY_IVANTI, versionEndExcluding: '22.7R2.5' }).expect(200);
    expect(names(res.body)).toEqual(['Grid control remote access', 'Patient records']);
    expect(res.body.entries.every((e: { matched: string[] }) => e.matched.join() === 'product')).toBe(true);
    expect(res.body.organisations).toEqual([
      { slug: 'litware', sector: 'energy', entries: 1, highestCriticality: 'critical', matched: ['product'] },
      { slug: 'lamna-hospital', sector: 'health', entries: 1, highestCriticality: 'high', matched: ['product'] },
    ]);
    expect(res.body.sectors).toEqual([
      { sector: 'energy', organisations: 1, entries: 1 },
      { sector: 'health', organisations: 1, entries: 1 },
    ]);
    const audited = await hub.db.query(`SELECT a.item_id FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE o.slug = 'centre' AND a.item_kind = 'infrastructure-entry'`);
    expect(audited.map((r: { item_id: string }) => r.item_id).sort()).toEqual([ids.gridControl, ids.records].sort());
  });

  it('a provider and a product together: the union, each entry saying what matched', async () => {
    const res = await reach('centre', { product: ANY_IVANTI, versionEndExcluding: '22.7R2.5', dependsOn: 'fabrikam' }).expect(200);
    const matched = Object.fromEntries(res.body.entries.map((e: { name: string; matched: string[] }) => [e.name, e.matched]));
    expect(matched).toEqual({
      'Grid control remote access': ['product', 'dependsOn'],
      'Market VPN': ['dependsOn'],
      'Patient records': ['product'],
      'Clearing engine': ['dependsOn'],
    });
    expect(res.body.sectors.map((s: { sector: string }) => s.sector)).toEqual(['energy', 'finance', 'health']);
    // repeated and comma-separated providers, external names in any case
    const external = await reach('centre', { dependsOn: ['External:EXAMPLE CLOUD', 'no-such-provider'] }).expect(200);
    expect(names(external.body)).toEqual(['Grid control remote access', 'Patient records']);
  });

  it('others see only what they may read: a member its own and the GREEN, a sector unit its own sector', async () => {
    expect(names((await reach('litware', { dependsOn: 'fabrikam' }).expect(200)).body)).toEqual(['Clearing engine', 'Grid control remote access']);
    expect(names((await reach('energy', { dependsOn: 'fabrikam' }).expect(200)).body)).toEqual(['Clearing engine', 'Grid control remote access', 'Market VPN']);
    const health = (await reach('health', { dependsOn: 'fabrikam,external:example cloud' }).expect(200)).body;
    expect(names(health)).toEqual(['Clearing engine', 'Patient records']);
    expect(health.organisations.map((o: { slug: string }) => o.slug)).toEqual(['lamna-hospital', 'proseware']);
  });

  it('refuses a bad match string or an empty question with problem+json naming the parameter', async () => {
    const bad = await reach('centre', { product: 'cpe:2.3:a:ivanti' }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'INFRASTRUCTURE.INVALID', errors: [{ pointer: '/product' }] });
    const bound = await reach('centre', { product: IVANTI('22.7r1'), versionEndExcluding: '22.7R2.5' }).expect(400);
    expect(bound.body.errors[0].pointer).toMatch(/^\/(product|versionEndExcluding)$/);
    const twoBounds = await reach('centre', { product: ANY_IVANTI, versionEndExcluding: '2', versionEndIncluding: '3' }).expect(400);
    expect(twoBounds.body.errors).toEqual([expect.objectContaining({ pointer: '/versionEndExcluding' })]);
    const empty = await reach('centre', {}).expect(400);
    expect(empty.body).toMatchObject({ code: 'INFRASTRUCTURE.INVALID', errors: [{ pointer: '/product' }] });
  });
});
