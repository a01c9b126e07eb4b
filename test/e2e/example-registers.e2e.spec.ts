import { bearer } from '../factories/bearer.js';
import { advisoryRequest } from '../factories/advisories.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { built, runToEnd } from '../support/processes.js';

// Issue 18: config/network.yaml's example registers are seeded with the network by `isac db seed`
// (and `db setup`, so on every start), once; a warning targeted at a seeded product reaches exactly
// the seeded organisations that run it, and their sector units.
describe('example registers of config/network.yaml', () => {
  let hub: AdvisoryHub;
  let vars: Record<string, string>;

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    const { DATABASE_URL, REDIS_URL, REDIS_PREFIX } = hub.env.config;
    vars = { DATABASE_URL, REDIS_URL, REDIS_PREFIX, LOG_LEVEL: 'warn' };
  });
  afterAll(() => hub?.close());

  const seed = async (extra: Record<string, string> = {}) => {
    const run = await runToEnd(built('cli'), ['db', 'seed'], { ...vars, ...extra });
    expect(run.code).toBe(0);
    return run.stderr;
  };
  const entriesPerOrg = async () =>
    Object.fromEntries(
      ((await hub.db.query(`SELECT o.slug, count(*)::int AS n FROM infrastructure_entries e JOIN organisations o ON o.id = e.org_id GROUP BY o.slug ORDER BY o.slug`)) as { slug: string; n: number }[]).map((r) => [r.slug, r.n]),
    );

  it('SEED_EXAMPLE_REGISTERS=false seeds the network only', async () => {
    await seed({ SEED_EXAMPLE_REGISTERS: 'false' });
    expect(await entriesPerOrg()).toEqual({});
  });

  it('seeds every sector once: a second run (a restart) adds nothing, and records no change', async () => {
    expect(await seed()).toContain('example registers: 16 entries (16 new)');
    const first = await entriesPerOrg();
    expect(first).toEqual({
      adatum: 2, blueyonder: 1, coho: 1, contoso: 1, fabrikam: 2, 'lamna-hospital': 2, litware: 1, 'northwind-power': 1, proseware: 1, tailspin: 1, 'trey-diagnostics': 1, wideworld: 1, 'woodgrove-bank': 1,
    });
    expect(await seed()).toContain('example registers: 16 entries (0 new)');
    expect(await entriesPerOrg()).toEqual(first);
    expect(await hub.db.query(`SELECT 1 FROM infrastructure_entry_changes`)).toEqual([]);
    const [row] = await hub.db.query(
      `SELECT e.tlp, array(SELECT o.slug FROM organisations o WHERE o.id = ANY(e.recipient_org_ids) ORDER BY o.slug) AS recipients FROM infrastructure_entries e WHERE e.name = 'Transmission SCADA remote access'`,
    );
    expect(row).toEqual({ tlp: 'TLP:AMBER+STRICT', recipients: ['centre', 'energy'] });
  });

  it("stores each seeded entry's STIX (what TAXII serves), and a seed stores it for entries kept before", async () => {
    const infrastructure = `SELECT o.slug, s.tlp, s.revoked FROM stix_objects s JOIN organisations o ON o.id = s.author_org_id
       WHERE s.type = 'infrastructure' AND s.is_current
         AND s.stix_id = 'infrastructure--' || (SELECT e.id FROM infrastructure_entries e WHERE e.name = 'Transmission SCADA remote access')`;
    expect(await hub.db.query(infrastructure)).toEqual([{ slug: 'adatum', tlp: 'TLP:AMBER+STRICT', revoked: false }]);
    const count = async () => (await hub.db.query(`SELECT count(*)::int AS n FROM stix_objects WHERE type = 'infrastructure'`))[0].n;
    expect(await count()).toBe(16);
    // registers kept before they were stored as STIX: the next start stores them, once
    await hub.db.query(`DELETE FROM stix_objects`);
    expect(await seed({ SEED_EXAMPLE_REGISTERS: 'false' })).toContain("registers' STIX stored for 16 earlier entries");
    expect(await count()).toBe(16);
    expect(await hub.db.query(infrastructure)).toEqual([{ slug: 'adatum', tlp: 'TLP:AMBER+STRICT', revoked: false }]);
    expect(await seed()).not.toContain("registers' STIX stored");
  });

  it('an analyst edit survives a restart: the seed adds by name and changes nothing it finds', async () => {
    const litware = await hub.key('litware', ['analyst']);
    const [entry] = await hub.db.query(`SELECT id FROM infrastructure_entries WHERE name = 'Distribution grid control'`);
    await hub.http.put(`/api/v1/infrastructure/${entry.id}`).set(bearer(litware)).send({ name: 'Distribution grid control', kind: 'ot', criticality: 'high', dependsOn: ['fabrikam'] }).expect(200);
    await seed();
    expect(await hub.db.query(`SELECT criticality FROM infrastructure_entries WHERE name = 'Distribution grid control'`)).toEqual([{ criticality: 'high' }]);
  });

  it('a warning to the seeded Secure Gateway before 9.1.3 reaches exactly the seeded organisations that run it, and their sector units', async () => {
    const centre = await hub.key('centre', ['analyst']);
    const res = await hub.http
      .post('/api/v1/advisories')
      .set(bearer(centre))
      .send(advisoryRequest({ title: 'Secure Gateway before 9.1.3', tlp: 'TLP:AMBER', audience: { products: [{ cpe: 'cpe:2.3:a:examplesoft:secure_gateway:*:*:*:*:*:*:*:*', versionEndExcluding: '9.1.3' }] } }))
      .expect(201);
    await hub.until('routing', async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [res.body.id]))[0]?.routed_at != null);
    // 9.1.2 (adatum), 9.0.7 (coho), 8.4.1 (lamna-hospital) are before 9.1.3; 9.1.3 (blueyonder, woodgrove-bank) and 9.1.4 (fabrikam) are not
    expect(Object.fromEntries(await hub.inboxCount(res.body.id))).toEqual({ adatum: 1, energy: 1, coho: 1, shipping: 1, 'lamna-hospital': 1, health: 1 });
  });
});
