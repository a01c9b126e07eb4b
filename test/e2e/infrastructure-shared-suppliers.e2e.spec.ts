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
// re-points those entries to their own reach's identity and revokes the shared one, once; so does the
// next change of an entry naming it, for every entry naming it.
type StixObject = Record<string, unknown> & { id: string; type: string };

describe('supplier identities shared by entries of several markings, stored before', () => {
  let hub: ApiHarness;
  let db: DataSource;
  let fabrikam: string;
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
  const suppliersIn = (view: Map<string, StixObject>, name: string) => [...view.values()].filter((o) => o.type === 'identity' && o.name === name);
  const relationshipsOf = (view: Map<string, StixObject>, entryId: string) => [...view.values()].filter((o) => o.source_ref === `infrastructure--${entryId}`);

  /**
   * Two entries of fabrikam naming `supplier`, AMBER+STRICT then GREEN, stored as before: the
   * register's REST bundle is still made with the one shared identity; its relationships and that
   * identity, marked as the least strict entry, replace what this version stored of them.
   */
  async function storedAsBefore(supplier: string): Promise<{ strict: string; green: string }> {
    const add = async (tlp: string, name: string) =>
      (
        await hub.http
          .post('/api/v1/infrastructure')
          .set(bearer(fabrikam))
          .send({ name, kind: 'network', criticality: 'high', dependsOn: [supplier], tlp })
          .expect(201)
      ).body.id as string;
    const strict = await add('TLP:AMBER+STRICT', `Core routers (${supplier})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const green = await add('TLP:GREEN', `Customer portal (${supplier})`);
    const name = supplier.slice('external:'.length).toLowerCase();
    const infrastructure = [`infrastructure--${strict}`, `infrastructure--${green}`];
    const orgId = (await hub.app.get(NetworkDirectory).network()).bySlug('fabrikam')!.id;
    await db.query(
      `DELETE FROM stix_objects WHERE author_org_id = $1
          AND ((type = 'relationship' AND object->>'source_ref' = ANY($2)) OR (type = 'identity' AND object->>'name' = $3))`,
      [orgId, infrastructure, name],
    );
    const bundle = (await hub.http.get('/api/v1/infrastructure/stix').query({ organisation: 'fabrikam' }).set(bearer(fabrikam)).expect(200)).body as {
      objects: StixObject[];
    };
    const shared = bundle.objects.find((o) => o.type === 'identity' && o.name === name)!;
    const relationships = bundle.objects.filter((o) => infrastructure.includes(o.source_ref as string));
    const store = hub.app.get(StixStoreService);
    await hub.app.get(UnitOfWork).run(async () => {
      const stored = await store.ownCopies(infrastructure, orgId);
      const { checked } = await store.holdOwnCopies([shared.id, ...relationships.map((o) => o.id)], orgId);
      for (const copy of stored) {
        const own = relationships.filter((o) => o.source_ref === copy.stixId);
        await store.store(own, { authorOrgId: orgId, recipientOrgIds: copy.recipientOrgIds, tlp: undefined }, checked);
      }
      const greenCopy = stored.find((c) => c.stixId === `infrastructure--${green}`)!;
      await store.store(
        [{ ...shared, object_marking_refs: [markingRefFor('TLP:GREEN')] }],
        { authorOrgId: orgId, recipientOrgIds: greenCopy.recipientOrgIds, tlp: undefined },
        checked,
      );
    });
    return { strict, green };
  }

  /** what contoso (reading the GREEN entry) and fabrikam see once the shared identity `before` is retired */
  async function expectRetired(name: string, entries: { strict: string; green: string }, before: StixObject) {
    const contoso = await telecomView('contoso');
    const green = contoso.get(`infrastructure--${entries.green}`)!;
    expect(contoso.get(before.id)).toMatchObject({ revoked: true });
    const live = suppliersIn(contoso, name).filter((s) => !s.revoked);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ created: green.created, object_marking_refs: [markingRefFor('TLP:GREEN')] });
    const toSupplier = relationshipsOf(contoso, entries.green).filter((r) => r.relationship_type === 'related-to');
    expect(toSupplier.filter((r) => !r.revoked).map((r) => r.target_ref)).toEqual([live[0].id]);
    expect(toSupplier.filter((r) => r.revoked).map((r) => r.target_ref)).toEqual([before.id]);
    // the owner: the stricter entry points at its own identity, marked as it
    const owner = await telecomView('fabrikam');
    const strictLive = relationshipsOf(owner, entries.strict).filter((r) => !r.revoked);
    expect(strictLive).toHaveLength(1);
    expect(owner.get(strictLive[0].target_ref as string)).toMatchObject({ name, object_marking_refs: [markingRefFor('TLP:AMBER+STRICT')] });
    expect(owner.get(strictLive[0].target_ref as string)!.revoked).toBeUndefined();
  }

  beforeAll(async () => {
    hub = await startApi();
    db = hub.app.get(DataSource);
    fabrikam = await hub.key('fabrikam', ['analyst']);
    Object.assign(ids, await storedAsBefore('external:Legacy Cable Works'));
  });
  afterAll(() => hub?.close());

  it("as stored before: contoso, reading the GREEN entry, read the stricter entry's date on the shared identity", async () => {
    const view = await telecomView('contoso');
    const [shared] = suppliersIn(view, 'legacy cable works');
    const strict = (await telecomView('fabrikam')).get(`infrastructure--${ids.strict}`)!;
    expect(shared).toMatchObject({ created: strict.created, object_marking_refs: [markingRefFor('TLP:GREEN')] });
    expect(relationshipsOf(view, ids.green).map((r) => r.target_ref)).toEqual([shared.id]);
  });

  it('a seed re-points each entry to the identity of its own reach and revokes the shared one; a second seed changes nothing', async () => {
    const [before] = suppliersIn(await telecomView('contoso'), 'legacy cable works');
    await seed();
    await expectRetired('legacy cable works', ids, before);
    const versions = async () => (await db.query(`SELECT count(*)::int AS n FROM stix_objects`))[0].n as number;
    const stored = await versions();
    await seed();
    expect(await versions()).toBe(stored);
  });

  it('a change of one entry naming such a supplier re-points every entry naming it, before any seed', async () => {
    const entries = await storedAsBefore('external:Legacy Fibre Works');
    const [before] = suppliersIn(await telecomView('contoso'), 'legacy fibre works');
    expect(before.revoked).toBeUndefined();
    await hub.http
      .put(`/api/v1/infrastructure/${entries.green}`)
      .set(bearer(fabrikam))
      .send({ name: 'Customer portal (renamed)', kind: 'network', criticality: 'high', dependsOn: ['external:Legacy Fibre Works'], tlp: 'TLP:GREEN' })
      .expect(200);
    await expectRetired('legacy fibre works', entries, before);
  });
});
