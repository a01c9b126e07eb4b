import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService } from '@isac/stix-store';
import { markingRefFor, validateBundle, type TlpLabel } from '@isac/stix';
import { basic, bearer } from '../factories/bearer.js';
import { taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// Issue 18: registers readable over TAXII 2.1 (OpenCTI's TAXII feed). Every register write stores the
// entry's STIX in the STIX store as its organisation's copy, under the entry's marking and addressed to
// its recipients (the centre and the sector unit): the TAXII collections then serve them through
// their one read path. Each reader sees an entry's objects exactly where the register list lets it
// read the entry — within the collections it may read: a sector's collection is its organisations'
// and the centre's, so another sector reads a GREEN entry over REST but finds no collection of
// TAXII holding it (as any GREEN object shared in a sector's collection).
const ROOT = '/taxii2/api/collections';
const LABELS: TlpLabel[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const SHARED_CPE = 'cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:*:*:*:*:*:*';
const cpeOf = (label: TlpLabel) => `cpe:2.3:a:examplesoft:${label.slice(4).replace('+', '_').toLowerCase()}_controller:1.0:*:*:*:*:*:*:*`;

type StixObject = Record<string, unknown> & { id: string; type: string };

describe('registers over TAXII 2.1', () => {
  let hub: ApiHarness;
  const keys = new Map<string, string>();
  /** entry id by its marking, all in adatum's register (energy) */
  const entryOf = new Map<TlpLabel, string>();

  const key = async (slug: string) => {
    if (!keys.has(slug)) keys.set(slug, await hub.key(slug, ['analyst']));
    return keys.get(slug)!;
  };

  /** Every object (last versions) of every collection the caller may read, by id, with where it was found. */
  async function taxiiView(slug: string | null): Promise<Map<string, { object: StixObject; collections: string[] }>> {
    const auth = slug === null ? {} : basic(await key(slug));
    const listed = await hub.http.get(`${ROOT}/`).set(taxiiHeaders(auth)).expect(200);
    const seen = new Map<string, { object: StixObject; collections: string[] }>();
    for (const c of listed.body.collections as { id: string; alias: string; can_read: boolean }[]) {
      if (!c.can_read) continue;
      let next: string | undefined;
      do {
        const res = await hub.http
          .get(`${ROOT}/${c.id}/objects/`)
          .query({ limit: 1000, ...(next ? { next } : {}) })
          .set(taxiiHeaders(auth))
          .expect(200);
        for (const object of (res.body.objects ?? []) as StixObject[]) {
          const known = seen.get(object.id);
          if (known) known.collections.push(c.alias);
          else seen.set(object.id, { object, collections: [c.alias] });
        }
        next = res.body.more ? res.body.next : undefined;
      } while (next);
    }
    return seen;
  }

  const restEntries = async (slug: string) =>
    (
      (
        await hub.http
          .get('/api/v1/infrastructure')
          .query({ organisation: 'adatum' })
          .set(bearer(await key(slug)))
          .expect(200)
      ).body.entries as { id: string }[]
    ).map((e) => e.id);

  beforeAll(async () => {
    hub = await startApi();
    for (const tlp of LABELS) {
      const res = await hub.http
        .post('/api/v1/infrastructure')
        .set(bearer(await key('adatum')))
        .send({
          name: `Grid control (${tlp})`,
          kind: 'ot',
          criticality: 'critical',
          products: [cpeOf(tlp), SHARED_CPE],
          dependsOn: ['fabrikam', `external:Supplier ${tlp}`],
          tlp,
        })
        .expect(201);
      entryOf.set(tlp, res.body.id);
    }
  });
  afterAll(() => hub.close());

  const infraId = (tlp: TlpLabel) => `infrastructure--${entryOf.get(tlp)}`;

  it.each([
    ['adatum', 'the owner', LABELS],
    ['energy', 'its sector unit (a named recipient)', LABELS],
    ['centre', 'the centre (a named recipient)', LABELS],
    ['litware', 'a member of the same sector', ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER']],
    ['lamna-hospital', "another sector's member (GREEN over REST, in no collection it may read)", ['TLP:CLEAR']],
    [null, 'unauthenticated', ['TLP:CLEAR']],
  ] as [string | null, string, TlpLabel[]][])('%s (%s) reads exactly the entries %j, each with all its objects', async (slug, _who, expected) => {
    const view = await taxiiView(slug);
    const visible = LABELS.filter((tlp) => view.has(infraId(tlp)));
    expect(visible).toEqual(expected);
    if (slug !== null) {
      // what the register list lets it read: the same, but for GREEN read from another sector (see above)
      const rest = await restEntries(slug);
      const readable = LABELS.filter((tlp) => rest.includes(entryOf.get(tlp)!));
      expect(readable.filter((tlp) => !(slug === 'lamna-hospital' && tlp === 'TLP:GREEN'))).toEqual(expected);
    }
    for (const tlp of expected) {
      const infra = view.get(infraId(tlp))!.object;
      expect(infra).toMatchObject({
        name: `Grid control (${tlp})`,
        x_isac_kind: 'ot',
        x_isac_criticality: 'critical',
        object_marking_refs: [markingRefFor(tlp)],
      });
      // every relationship of the entry, and the software and supplier it names (a reader of the entry resolves them)
      const relationships = [...view.values()].map((v) => v.object).filter((o) => o.type === 'relationship' && o.source_ref === infra.id);
      expect(relationships.map((r) => r.relationship_type).sort()).toEqual(['consists-of', 'consists-of', 'related-to', 'related-to']);
      for (const r of relationships) {
        expect(r.object_marking_refs).toEqual([markingRefFor(tlp)]);
        if (!String(r.target_ref).startsWith('identity--') || view.has(r.target_ref as string)) continue;
        // only the network organisation's own identity is not in the store (GET /api/v1/organisations/fabrikam gives it)
        expect(r.target_ref).toBe((await hub.app.get(NetworkDirectory).network()).bySlug('fabrikam')!.stixIdentityId);
      }
      for (const r of relationships.filter((r) => r.relationship_type === 'consists-of')) expect(view.has(r.target_ref as string)).toBe(true);
    }
    // nothing of an entry it may not read: no relationship from it, no software or supplier only it names
    const hidden = LABELS.filter((tlp) => !expected.includes(tlp));
    for (const tlp of hidden) {
      expect([...view.values()].some((v) => v.object.source_ref === infraId(tlp))).toBe(false);
      expect([...view.values()].some((v) => v.object.cpe === cpeOf(tlp) || v.object.name === `supplier ${tlp.toLowerCase()}`)).toBe(false);
    }
    // a product several entries run is marked as the least strict of them: everyone reading one of them resolves it
    if (expected.length) expect([...view.values()].find((v) => v.object.cpe === SHARED_CPE)?.object.object_marking_refs).toEqual([markingRefFor('TLP:CLEAR')]);
  });

  it("the objects are valid STIX 2.1 and sit in adatum's sector collection (CLEAR also in public)", async () => {
    const view = await taxiiView('centre');
    const ofRegister = [...view.values()].filter((v) => v.object.type !== 'marking-definition');
    expect(validateBundle({ type: 'bundle', id: 'bundle--6a3b7c1d-0000-4000-8000-000000000001', objects: ofRegister.map((v) => v.object) }).errors).toEqual([]);
    expect(view.get(infraId('TLP:AMBER+STRICT'))!.collections).toEqual(['energy']);
    expect(view.get(infraId('TLP:CLEAR'))!.collections.sort()).toEqual(['energy', 'public']);
  });

  it('a changed entry is a new version, `last` in TAXII; a dropped product and supplier revoke their relationships', async () => {
    const id = entryOf.get('TLP:AMBER')!;
    const adatum = basic(await key('adatum'));
    const before = (await hub.http.get(`${ROOT}/energy/objects/infrastructure--${id}/`).set(taxiiHeaders(adatum)).expect(200)).body.objects[0];
    const earlier = await taxiiView('adatum');
    const droppedSoftware = [...earlier.values()].find((v) => v.object.cpe === cpeOf('TLP:AMBER'))!.object.id;
    // providers are kept lowercased (normaliseProvider)
    const droppedSupplier = [...earlier.values()].find((v) => v.object.name === 'supplier tlp:amber')!.object.id;
    const relationships = [...earlier.values()].map((v) => v.object).filter((o) => o.source_ref === `infrastructure--${id}`);
    expect(relationships).toHaveLength(4);
    await hub.http
      .put(`/api/v1/infrastructure/${id}`)
      .set(bearer(await key('adatum')))
      .send({ name: 'Grid control (renamed)', kind: 'ot', criticality: 'high', products: [SHARED_CPE], dependsOn: ['fabrikam'], tlp: 'TLP:AMBER' })
      .expect(200);
    const last = (await hub.http.get(`${ROOT}/energy/objects/infrastructure--${id}/`).set(taxiiHeaders(adatum)).expect(200)).body.objects;
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ name: 'Grid control (renamed)', x_isac_criticality: 'high', created: before.created });
    expect(Date.parse(last[0].modified)).toBeGreaterThan(Date.parse(before.modified));
    const versions = (await hub.http.get(`${ROOT}/energy/objects/infrastructure--${id}/versions/`).set(taxiiHeaders(adatum)).expect(200)).body.versions;
    expect(versions).toEqual([before.modified, last[0].modified]);

    // the product only this entry ran and its own supplier: their relationships revoked, the others a new version
    const after = await taxiiView('adatum');
    expect(after.get(droppedSupplier)!.object.revoked).toBe(true);
    for (const r of relationships) {
      const now = after.get(r.id)!.object;
      const revoked = r.target_ref === droppedSoftware || r.target_ref === droppedSupplier;
      expect(now).toMatchObject({ modified: last[0].modified, ...(revoked ? { revoked: true } : {}) });
      if (!revoked) expect(now.revoked).toBeUndefined();
    }
    // the product no entry runs any more is gone (an observable has no versions to revoke)
    expect([...after.values()].some((v) => v.object.cpe === cpeOf('TLP:AMBER'))).toBe(false);
    // the member of the sector reading AMBER sees the new version too
    expect((await taxiiView('litware')).get(`infrastructure--${id}`)!.object.name).toBe('Grid control (renamed)');
  });

  it('a removed entry is revoked for every reader who read it, and its products and suppliers leave with it', async () => {
    const id = entryOf.get('TLP:GREEN')!;
    await hub.http
      .delete(`/api/v1/infrastructure/${id}`)
      .set(bearer(await key('adatum')))
      .expect(200);
    for (const slug of ['adatum', 'energy', 'centre', 'litware']) {
      const view = await taxiiView(slug);
      expect(view.get(`infrastructure--${id}`)!.object).toMatchObject({ revoked: true, name: 'Grid control (TLP:GREEN)' });
      const relationships = [...view.values()].filter((v) => v.object.source_ref === `infrastructure--${id}`);
      expect(relationships).toHaveLength(4);
      for (const r of relationships) expect(r.object.revoked).toBe(true);
      expect([...view.values()].find((v) => v.object.name === 'supplier tlp:green')?.object.revoked).toBe(true);
      expect([...view.values()].some((v) => v.object.cpe === cpeOf('TLP:GREEN'))).toBe(false);
    }
  });

  it('a product dropped and run again is stored under a successor of its revoked relationship', async () => {
    const id = entryOf.get('TLP:AMBER+STRICT')!;
    const adatum = await key('adatum');
    const entry = (products: string[]) => ({
      name: 'Grid control (TLP:AMBER+STRICT)',
      kind: 'ot',
      criticality: 'critical',
      products,
      dependsOn: [],
      tlp: 'TLP:AMBER+STRICT',
    });
    await hub.http
      .put(`/api/v1/infrastructure/${id}`)
      .set(bearer(adatum))
      .send(entry([SHARED_CPE]))
      .expect(200);
    await hub.http
      .put(`/api/v1/infrastructure/${id}`)
      .set(bearer(adatum))
      .send(entry([SHARED_CPE, cpeOf('TLP:AMBER+STRICT')]))
      .expect(200);
    const view = await taxiiView('adatum');
    const software = [...view.values()].find((v) => v.object.cpe === cpeOf('TLP:AMBER+STRICT'))!.object;
    const toSoftware = [...view.values()].map((v) => v.object).filter((o) => o.source_ref === `infrastructure--${id}` && o.target_ref === software.id);
    expect(toSoftware.map((r) => r.revoked ?? false).sort()).toEqual([false, true]);
    expect(software.object_marking_refs).toEqual([markingRefFor('TLP:AMBER+STRICT')]);
  });

  it("the centre's register is in the alerts collection, read as the register list reads it", async () => {
    const centre = await key('centre');
    const add = (tlp: TlpLabel) =>
      hub.http
        .post('/api/v1/infrastructure')
        .set(bearer(centre))
        .send({ name: `National exchange (${tlp})`, kind: 'network', criticality: 'high', tlp })
        .expect(201);
    const green = (await add('TLP:GREEN')).body.id;
    const strict = (await add('TLP:AMBER+STRICT')).body.id;
    const health = await taxiiView('lamna-hospital');
    expect(health.get(`infrastructure--${green}`)?.collections).toEqual(['alerts']);
    expect(health.has(`infrastructure--${strict}`)).toBe(false);
    expect((await taxiiView('centre')).get(`infrastructure--${strict}`)?.collections).toEqual(['alerts']);
  });

  it('concurrent changes of one register leave a shared product marked as the entries naming it at the end', async () => {
    const adatum = await key('adatum');
    const PRODUCT = 'cpe:2.3:a:examplesoft:historian:5.0:*:*:*:*:*:*:*';
    const ids = await Promise.all(
      (['TLP:RED', 'TLP:AMBER', 'TLP:GREEN'] as TlpLabel[]).map(
        async (tlp) =>
          (
            await hub.http
              .post('/api/v1/infrastructure')
              .set(bearer(adatum))
              .send({ name: `Historian (${tlp})`, kind: 'system', criticality: 'medium', tlp })
              .expect(201)
          ).body.id as string,
      ),
    );
    // all three take up the product at once: the least strict of them, GREEN, marks it
    await Promise.all(
      ids.map((id, i) =>
        hub.http
          .put(`/api/v1/infrastructure/${id}`)
          .set(bearer(adatum))
          .send({
            name: `Historian (${['TLP:RED', 'TLP:AMBER', 'TLP:GREEN'][i]})`,
            kind: 'system',
            criticality: 'medium',
            products: [PRODUCT],
            tlp: ['TLP:RED', 'TLP:AMBER', 'TLP:GREEN'][i],
          })
          .expect(200),
      ),
    );
    const marking = async () => [...(await taxiiView('adatum')).values()].find((v) => v.object.cpe === PRODUCT)?.object.object_marking_refs;
    expect(await marking()).toEqual([markingRefFor('TLP:GREEN')]);
    // the GREEN and AMBER entries removed at once: the RED one alone names it
    await Promise.all(ids.slice(1).map((id) => hub.http.delete(`/api/v1/infrastructure/${id}`).set(bearer(adatum)).expect(200)));
    expect(await marking()).toEqual([markingRefFor('TLP:RED')]);
    expect([...(await taxiiView('litware')).values()].some((v) => v.object.cpe === PRODUCT)).toBe(false);
  });

  it('a supplier also named by an entry the reader may not read says nothing of that entry: not its date, not whether it is still there', async () => {
    // DESIGN §2, no oracle: litware (a member of energy: GREEN and AMBER, not AMBER+STRICT) reads
    // adatum's GREEN entry naming a supplier that an earlier AMBER+STRICT entry of adatum names too,
    // and northwind-power's GREEN entry naming the same supplier alone. What litware reads of the two
    // suppliers must differ in nothing the stricter entry decides.
    const SUPPLIER = 'external:Shared Turbine Services';
    const network = await hub.app.get(NetworkDirectory).network();
    const add = async (owner: string, tlp: TlpLabel, name: string) =>
      (
        await hub.http
          .post('/api/v1/infrastructure')
          .set(bearer(await key(owner)))
          .send({ name, kind: 'ot', criticality: 'high', dependsOn: [SUPPLIER], tlp })
          .expect(201)
      ).body.id as string;
    const strict = await add('adatum', 'TLP:AMBER+STRICT', 'Turbine control');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const green = {
      adatum: await add('adatum', 'TLP:GREEN', 'Turbine monitoring'),
      'northwind-power': await add('northwind-power', 'TLP:GREEN', 'Turbine monitoring'),
    };
    /** the suppliers of that name in `slug`'s view, by owner (created_by_ref), each with where its GREEN entry points */
    const suppliersSeenBy = async (slug: string) => {
      const view = await taxiiView(slug);
      const objects = [...view.values()].map((v) => v.object);
      return Object.fromEntries(
        (['adatum', 'northwind-power'] as const).map((owner) => {
          const author = network.bySlug(owner)!.stixIdentityId;
          const suppliers = objects.filter((o) => o.type === 'identity' && o.name === 'shared turbine services' && o.created_by_ref === author);
          const entry = view.get(`infrastructure--${green[owner]}`)?.object;
          const targets = objects.filter((o) => o.source_ref === entry?.id && o.relationship_type === 'related-to').map((o) => o.target_ref);
          return [owner, { suppliers, entry, targets }];
        }),
      );
    };

    const seen = await suppliersSeenBy('litware');
    for (const owner of ['adatum', 'northwind-power']) {
      const { suppliers, entry, targets } = seen[owner];
      expect(suppliers).toHaveLength(1);
      // as old as the GREEN entry naming it, as northwind-power's: not as old as adatum's stricter entry
      expect(suppliers[0]).toMatchObject({ created: entry!.created, object_marking_refs: [markingRefFor('TLP:GREEN')] });
      expect(suppliers[0].revoked).toBeUndefined();
      expect(targets).toEqual([suppliers[0].id]);
    }
    expect(Date.parse(seen.adatum.suppliers[0].created as string)).toBeGreaterThan(
      Date.parse((await taxiiView('adatum')).get(`infrastructure--${strict}`)!.object.created as string),
    );

    // both GREEN entries removed: each supplier litware read is revoked, whether or not a stricter entry still names it
    for (const owner of ['adatum', 'northwind-power'] as const) {
      await hub.http
        .delete(`/api/v1/infrastructure/${green[owner]}`)
        .set(bearer(await key(owner)))
        .expect(200);
    }
    const after = await suppliersSeenBy('litware');
    for (const owner of ['adatum', 'northwind-power']) {
      expect(after[owner].suppliers.map((s) => [s.id, s.revoked])).toEqual([[seen[owner].suppliers[0].id, true]]);
    }
    // adatum's stricter entry still names its supplier, for those who may read that entry
    const owners = await suppliersSeenBy('adatum');
    const live = owners.adatum.suppliers.filter((s) => !s.revoked);
    expect(live).toHaveLength(1);
    expect(live[0].object_marking_refs).toEqual([markingRefFor('TLP:AMBER+STRICT')]);
    const toLive = [...(await taxiiView('adatum')).values()].map((v) => v.object).filter((o) => o.source_ref === `infrastructure--${strict}` && !o.revoked);
    expect(toLive.map((o) => o.target_ref)).toEqual([live[0].id]);
  });

  it("the store holds each entry as its owner's copy, addressed as the entry", async () => {
    const network = await hub.app.get(NetworkDirectory).network();
    expect(await hub.app.get(StixStoreService).ownCopies([infraId('TLP:RED')], network.bySlug('adatum')!.id)).toEqual([
      expect.objectContaining({ tlp: 'TLP:RED', recipientOrgIds: expect.arrayContaining([network.bySlug('centre')!.id, network.bySlug('energy')!.id]) }),
    ]);
  });
});
