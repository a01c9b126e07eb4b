import { DataSource } from 'typeorm';
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService } from '@isac/stix-store';
import { markingRefFor } from '@isac/stix';
import { UnitOfWork } from '@isac/unit-of-work';
import { basic, bearer } from '../factories/bearer.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { built, runToEnd } from '../support/processes.js';

// Registers stored before each external supplier was held per marking and readers kept one identity
// of the supplier for every entry naming it, marked as the least strict of them and dated as the
// oldest: a reader of the GREEN entry learnt the date of a stricter entry naming the same supplier,
// and saw the identity live for as long as such an entry named it. `isac db seed` (on every start)
// re-points those entries to their own reach's identity and revokes the shared one, once.
type StixObject = Record<string, unknown> & { id: string; type: string };

describe('supplier identities shared by entries of several markings, stored before', () => {
  let hub: ApiHarness;
  let db: DataSource;
  const SUPPLIER = 'external:Legacy Cable Works';
  const ids: { strict: string; green: string } = { strict: '', green: '' };

  const seed = async () => {
    const { DATABASE_URL, REDIS_URL, REDIS_PREFIX } = hub.env.config;
    const run = await runToEnd(built('cli'), ['db', 'seed'], { DATABASE_URL, REDIS_URL, REDIS_PREFIX, LOG_LEVEL: 'warn', SEED_EXAMPLE_REGISTERS: 'false' });
    expect(run.code).toBe(0);
  };

  /** the last version of every object of fabrikam's register that `slug` reads in the telecom collection */
  const telecomView = async (slug: string) => {
    const res = await hub.http
      .get('/taxii2/api/collections/telecom/objects/')
      .query({ limit: 1000 })
      .set(taxiiHeaders(basic(await hub.key(slug, ['analyst']))))
      .expect(200);
    return new Map(((res.body.objects ?? []) as StixObject[]).map((o) => [o.id, o]));
  };
  const suppliersIn = (view: Map<string, StixObject>) => [...view.values()].filter((o) => o.type === 'identity' && o.name === 'legacy cable works');
  const relationshipsOf = (view: Map<string, StixObject>, entryId: string) => [...view.values()].filter((o) => o.source_ref === `infrastructure--${entryId}`);

  beforeAll(async () => {
    hub = await startApi();
    db = hub.app.get(DataSource);
    const fabrikam = await hub.key('fabrikam', ['analyst']);
    const add = async (tlp: string, name: string) =>
      (
        await hub.http
          .post('/api/v1/infrastructure')
          .set(bearer(fabrikam))
          .send({ name, kind: 'network', criticality: 'high', dependsOn: [SUPPLIER], tlp })
          .expect(201)
      ).body.id as string;
    ids.strict = await add('TLP:AMBER+STRICT', 'Core routers');
    await new Promise((resolve) => setTimeout(resolve, 20));
    ids.green = await add('TLP:GREEN', 'Customer portal');

    // what the store held of them before: the register's REST bundle is still made with the one shared
    // identity; its relationships and that identity, marked as the least strict entry, replace what
    // this version stored
    const network = await hub.app.get(NetworkDirectory).network();
    const orgId = network.bySlug('fabrikam')!.id;
    await db.query(`DELETE FROM stix_objects WHERE author_org_id = $1 AND type IN ('identity', 'relationship')`, [orgId]);
    const bundle = (await hub.http.get('/api/v1/infrastructure/stix').query({ organisation: 'fabrikam' }).set(bearer(fabrikam)).expect(200)).body as {
      objects: StixObject[];
    };
    const shared = bundle.objects.find((o) => o.type === 'identity' && o.name === 'legacy cable works')!;
    const store = hub.app.get(StixStoreService);
    await hub.app.get(UnitOfWork).run(async () => {
      const stored = await store.ownCopies([`infrastructure--${ids.strict}`, `infrastructure--${ids.green}`], orgId);
      const { checked } = await store.holdOwnCopies([shared.id, ...bundle.objects.filter((o) => o.type === 'relationship').map((o) => o.id)], orgId);
      for (const copy of stored) {
        const relationships = bundle.objects.filter((o) => o.source_ref === copy.stixId);
        await store.store(relationships, { authorOrgId: orgId, recipientOrgIds: copy.recipientOrgIds, tlp: undefined }, checked);
      }
      const green = stored.find((c) => c.stixId === `infrastructure--${ids.green}`)!;
      await store.store(
        [{ ...shared, object_marking_refs: [markingRefFor('TLP:GREEN')] }],
        { authorOrgId: orgId, recipientOrgIds: green.recipientOrgIds, tlp: undefined },
        checked,
      );
    });
  });
  afterAll(() => hub?.close());

  it("as stored before: contoso, reading the GREEN entry, read the stricter entry's date on the shared identity", async () => {
    const view = await telecomView('contoso');
    const [shared] = suppliersIn(view);
    const strict = (await telecomView('fabrikam')).get(`infrastructure--${ids.strict}`)!;
    expect(shared).toMatchObject({ created: strict.created, object_marking_refs: [markingRefFor('TLP:GREEN')] });
    expect(relationshipsOf(view, ids.green).map((r) => r.target_ref)).toEqual([shared.id]);
  });

  it('a seed re-points each entry to the identity of its own reach and revokes the shared one; a second seed changes nothing', async () => {
    const before = suppliersIn(await telecomView('contoso'))[0];
    await seed();
    const contoso = await telecomView('contoso');
    const green = contoso.get(`infrastructure--${ids.green}`)!;
    expect(contoso.get(before.id)).toMatchObject({ revoked: true });
    const live = suppliersIn(contoso).filter((s) => !s.revoked);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ created: green.created, object_marking_refs: [markingRefFor('TLP:GREEN')] });
    const toSupplier = relationshipsOf(contoso, ids.green).filter((r) => r.relationship_type === 'related-to');
    expect(toSupplier.filter((r) => !r.revoked).map((r) => r.target_ref)).toEqual([live[0].id]);
    expect(toSupplier.filter((r) => r.revoked).map((r) => r.target_ref)).toEqual([before.id]);

    // the owner: the stricter entry points at its own identity, marked as it
    const fabrikam = await telecomView('fabrikam');
    const strictLive = relationshipsOf(fabrikam, ids.strict).filter((r) => !r.revoked);
    expect(strictLive).toHaveLength(1);
    expect(fabrikam.get(strictLive[0].target_ref as string)).toMatchObject({
      name: 'legacy cable works',
      object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')],
    });
    expect(fabrikam.get(strictLive[0].target_ref as string)!.revoked).toBeUndefined();

    const versions = async () => (await db.query(`SELECT count(*)::int AS n FROM stix_objects`))[0].n as number;
    const stored = await versions();
    await seed();
    expect(await versions()).toBe(stored);
  });
});
