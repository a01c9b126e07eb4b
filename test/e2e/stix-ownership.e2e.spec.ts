// DESIGN §2 ownership, attacked with ordinary keys of network organisations: nobody versions,
// re-marks or overwrites another organisation's object, deterministic SCO ids never collide across
// reporters, and validation answers nothing about what the caller may not read (issue: objects
// belong to their creators). Every case here was reproduced on the hub before ownership.
import { TLP2_MARKING_IDS, uuidV5 } from '@isac/stix';
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService } from '@isac/stix-store';
import { collectionId } from '@isac/taxii';
import { basic, bearer } from '../factories/bearer.js';
import { bundleOf, incident, type Bundle, type StixObject } from '../factories/stix-bundles.js';
import { envelope, indicator, malware, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const STIX = 'application/stix+json;version=2.1';
const ROOT = '/taxii2/api';
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const ipv4 = (value: string) => ({ type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuidV5(SCO_NAMESPACE, JSON.stringify({ value }))}`, value });
const marked = (o: StixObject, tlp: keyof typeof TLP2_MARKING_IDS) => ({ ...o, object_marking_refs: [TLP2_MARKING_IDS[tlp]] });
const relationship = (source: string, target: string, at = '2026-01-10T08:00:00.000Z') => ({
  type: 'relationship',
  spec_version: '2.1',
  id: `relationship--${crypto.randomUUID()}`,
  created: at,
  modified: at,
  relationship_type: 'related-to',
  source_ref: source,
  target_ref: target,
});

describe('STIX ownership: objects belong to their creators', () => {
  let hub: AdvisoryHub;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    for (const slug of ['energy', 'litware', 'centre', 'health', 'telecom']) keys[slug] = await hub.key(slug, ['reporter', 'analyst']);
  });
  afterAll(() => hub.close());

  const file = (slug: string, bundle: Bundle) => hub.http.post('/api/v1/incidents').set(bearer(keys[slug])).set('Content-Type', STIX).send(JSON.stringify(bundle));
  const validate = (slug: string, bundle: Bundle) => hub.http.post('/api/v1/stix/validate').set(bearer(keys[slug])).set('Content-Type', STIX).send(JSON.stringify(bundle));
  const caseBundle = async (slug: string, caseId: string) => {
    const res = await hub.http.get(`/api/v1/incidents/${caseId}/bundle`).set(bearer(keys[slug]));
    expect(res.status).toBe(200);
    return res.body.objects as StixObject[];
  };
  const get = (path: string, auth: Record<string, string> = {}) => hub.http.get(path).set(taxiiHeaders(auth));
  async function push(slug: string, collection: string, objects: StixObject[]) {
    const res = await hub.http.post(`${ROOT}/collections/${collectionId(collection)}/objects/`).set({ ...taxiiHeaders(basic(keys[slug])), 'Content-Type': TAXII }).send(JSON.stringify(envelope(objects)));
    expect(res.status).toBe(202);
    let status = res.body;
    await hub.until('status complete', async () => {
      status = (await get(`${ROOT}/status/${res.body.id}/`, basic(keys[slug]))).body;
      return status.status === 'complete';
    });
    return status as { success_count: number; failure_count: number; failures?: { id: string; message: string }[] };
  }

  /** energy's TLP:RED incident with a TLP:RED indicator; the case id and both objects. */
  async function energyRed() {
    const inc = incident({ tlp: 'TLP:RED' });
    const ind = indicator('TLP:RED', { created: '2026-01-10T08:00:00.000Z' });
    const res = await file('energy', bundleOf([inc, ind, marked(relationship(ind.id as string, inc.id as string), 'TLP:RED')]));
    expect(res.status).toBe(201);
    return { caseId: res.body.case?.id ?? res.body.id, inc, ind };
  }

  it('the centre cannot re-mark energy\'s TLP:RED indicator as TLP:CLEAR by filing a later version of it in its own incident', async () => {
    const { caseId, ind } = await energyRed();
    const later = marked({ ...ind, modified: '2026-01-11T08:00:00.000Z', description: 'relaxed by another organisation' }, 'TLP:CLEAR');
    const own = incident({ tlp: 'TLP:CLEAR' });
    const res = await file('centre', bundleOf([own, later, relationship(own.id as string, ind.id as string)]));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TLP.WEAKER_THAN_RECEIVED', pointer: '/objects/1/object_marking_refs' })]));
    // nothing of it public; energy's case shows its own version
    expect((await get(`${ROOT}/collections/${collectionId('public')}/objects/${ind.id}/`)).status).toBe(404);
    const objects = await caseBundle('energy', caseId);
    expect(objects.find((o) => o.id === ind.id)).toEqual({ ...ind, created_by_ref: expect.any(String) });
  });

  it('health, which may not read energy\'s TLP:RED incident, pushes later TLP:GREEN versions of it: stored as health\'s own copies, energy\'s case unchanged', async () => {
    const { caseId, inc, ind } = await energyRed();
    const overwrite = (o: StixObject) => marked({ ...o, modified: '2026-01-12T08:00:00.000Z', name: 'overwritten by health' }, 'TLP:GREEN');
    const status = await push('health', 'health', [overwrite(inc), overwrite(ind)]);
    expect(status.success_count).toBe(2);
    const objects = await caseBundle('energy', caseId);
    expect(objects.find((o) => o.id === inc.id)).toEqual(expect.objectContaining({ name: inc.name, modified: inc.modified }));
    expect(objects.find((o) => o.id === ind.id)).toEqual({ ...ind, created_by_ref: expect.any(String) });
    // energy's readers through TAXII: the incidents collection holds energy's copy only
    const seen = await get(`${ROOT}/collections/${collectionId('incidents')}/objects/${inc.id}/?match[version]=all`, basic(keys.centre));
    expect(seen.status).toBe(200);
    expect(seen.body.objects.map((o: StixObject) => o.name)).toEqual([inc.name]);
    // health's copy is health's statement, addressed to the health sector: energy's readers outside it do not get it as energy's
    const inEnergy = await get(`${ROOT}/collections/${collectionId('energy')}/objects/${inc.id}/?match[version]=all`, basic(keys.litware));
    expect(inEnergy.status).toBe(404);
  });

  it('a recipient cannot re-mark a TLP:AMBER object it received: litware\'s later TLP:GREEN version of energy\'s AMBER malware is refused', async () => {
    const amber = malware('TLP:AMBER');
    expect((await push('energy', 'energy', [amber])).success_count).toBe(1);
    const remarked = marked({ ...amber, modified: '2026-02-02T10:00:00.000Z', name: 'GridLock (shared wider)' }, 'TLP:GREEN');
    const status = await push('litware', 'energy', [remarked]);
    expect(status.success_count).toBe(0);
    expect(status.failures?.[0]?.message).toMatch(/received from energy as TLP:AMBER/);
    // the same marking (or a stricter one) is litware's own choice: its own copy
    const stricter = await push('litware', 'energy', [marked({ ...remarked }, 'TLP:AMBER')]);
    expect([stricter.success_count, stricter.failures]).toEqual([1, undefined]);
    // energy's copy is untouched: telecom (not a reader) sees nothing, health (not a reader) neither, energy sees its own version current
    const own = await get(`${ROOT}/collections/${collectionId('energy')}/objects/${amber.id}/`, basic(keys.energy));
    expect(own.body.objects.map((o: StixObject) => [o.name, o.modified])).toEqual(
      expect.arrayContaining([
        [amber.name, amber.modified],
        ['GridLock (shared wider)', '2026-02-02T10:00:00.000Z'],
      ]),
    );
  });

  it('observable poisoning: telecom\'s TLP:CLEAR ipv4-addr never blocks energy\'s TLP:RED report of the same address', async () => {
    const address = ipv4('192.0.2.77');
    expect((await push('telecom', 'telecom', [marked(address, 'TLP:CLEAR')])).success_count).toBe(1);
    const inc = incident({ tlp: 'TLP:RED' });
    const res = await file('energy', bundleOf([inc, address, relationship(inc.id as string, address.id)]));
    expect(res.status).toBe(201);
    const objects = await caseBundle('energy', res.body.case?.id ?? res.body.id);
    expect(objects.find((o) => o.id === address.id)).toEqual(address);
    // energy's copy is TLP:RED (the incident's marking): the public feed has telecom's CLEAR copy only
    const pub = await get(`${ROOT}/collections/${collectionId('public')}/objects/${address.id}/`);
    expect(pub.body.objects).toEqual([marked(address, 'TLP:CLEAR')]);
  });

  it('validation is no oracle: an unreadable object and an absent one get the same answer', async () => {
    const { inc, ind } = await energyRed();
    const secretAddress = ipv4('192.0.2.99');
    const secret = incident({ tlp: 'TLP:RED' });
    expect((await file('energy', bundleOf([secret, secretAddress, relationship(secret.id as string, secretAddress.id)]))).status).toBe(201);
    const absentAddress = ipv4('192.0.2.250');
    const probe = async (target: string) => {
      const own = indicator('TLP:GREEN');
      const res = await validate('telecom', bundleOf([own, marked(relationship(own.id as string, target), 'TLP:GREEN')]));
      expect(res.status).toBe(200);
      return { valid: res.body.valid, codes: res.body.errors.map((e: { code: string }) => e.code), warnings: res.body.warnings.length };
    };
    for (const [unreadable, absent] of [
      [secretAddress.id, absentAddress.id],
      [inc.id as string, `incident--${crypto.randomUUID()}`],
    ]) {
      expect(await probe(unreadable)).toEqual(await probe(absent));
    }
    // a guess of the content of energy's indicator: the same answer whether the guess is right or wrong
    const guess = (name: string) => validate('telecom', bundleOf([{ ...ind, name }]));
    const [right, wrong] = [await guess(ind.name as string), await guess('a wrong guess')];
    expect(right.body).toEqual(wrong.body);
    // and for energy itself, whose object it is, the wrong content of a held version is a conflict
    const mine = await validate('energy', bundleOf([{ ...ind, name: 'a wrong guess' }]));
    expect(mine.body.errors.map((e: { code: string }) => e.code)).toEqual(['STIX.VERSION_CONFLICT']);
  });

  it('two organisations each store the same public object (ATT&CK-like): no refusal, each its own copy', async () => {
    const shared = malware('TLP:CLEAR');
    expect((await push('energy', 'energy', [shared])).success_count).toBe(1);
    expect((await push('telecom', 'telecom', [shared])).success_count).toBe(1);
    // different content under the same version: each organisation's copy is its own, neither conflicts with the other
    expect((await push('health', 'health', [{ ...shared, name: 'GridLock as health knows it' }])).success_count).toBe(1);
    const pub = await get(`${ROOT}/collections/${collectionId('public')}/objects/${shared.id}/`);
    expect(pub.body.objects.map((o: StixObject) => o.name).sort()).toEqual(['GridLock', 'GridLock', 'GridLock as health knows it']);
  });

  it('a TAXII delete removes the caller\'s own copy only', async () => {
    const shared = malware('TLP:GREEN');
    expect((await push('energy', 'energy', [shared])).success_count).toBe(1);
    expect((await push('centre', 'energy', [shared])).success_count).toBe(1);
    const del = await hub.http.delete(`${ROOT}/collections/${collectionId('energy')}/objects/${shared.id}/`).set(taxiiHeaders(basic(keys.centre)));
    expect(del.status).toBe(200);
    const left = await get(`${ROOT}/collections/${collectionId('energy')}/objects/${shared.id}/`, basic(keys.litware));
    expect(left.body.objects).toEqual([shared]);
    // energy's copy cannot be deleted by the centre
    const again = await hub.http.delete(`${ROOT}/collections/${collectionId('energy')}/objects/${shared.id}/`).set(taxiiHeaders(basic(keys.centre)));
    expect(again.status).toBe(403);
  });

  describe('the matrix: writers × relation to the owner × write path', () => {
    // energy files a TLP:AMBER incident with a TLP:AMBER indicator: addressed to the centre and the
    // energy unit, so the centre and energy's members (litware) read it, health does not
    it.each([
      ['energy', 'the owner', 'filing', true],
      ['energy', 'the owner', 'taxii', true],
      ['centre', 'a named recipient', 'filing', false],
      ['centre', 'a named recipient', 'taxii', false],
      ['litware', "a member of a recipient (AMBER reaches it)", 'filing', false],
      ['litware', "a member of a recipient (AMBER reaches it)", 'taxii', false],
      ['health', 'not a reader', 'filing', true],
      ['health', 'not a reader', 'taxii', true],
    ] as const)('%s (%s) writes a later TLP:GREEN version through %s: accepted %s; energy\'s readers see energy\'s own latest', async (writer, _relation, path, accepted) => {
      const inc = incident({ tlp: 'TLP:AMBER' });
      const ind = indicator('TLP:AMBER', { created: '2026-01-10T08:00:00.000Z' });
      const filed = await file('energy', bundleOf([inc, ind, marked(relationship(ind.id as string, inc.id as string), 'TLP:AMBER')]));
      expect(filed.status).toBe(201);
      const later = marked({ ...ind, modified: '2026-01-11T08:00:00.000Z', name: `later, by ${writer}` }, 'TLP:GREEN');
      let ok: boolean;
      if (path === 'filing') {
        const own = incident({ tlp: 'TLP:GREEN' });
        const res = await file(writer, bundleOf([own, later, marked(relationship(own.id as string, ind.id as string), 'TLP:GREEN')]));
        ok = res.status === 201;
        if (!ok) expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['TLP.WEAKER_THAN_RECEIVED']);
      } else {
        const status = await push(writer, writer === 'health' ? 'health' : 'energy', [later]);
        ok = status.success_count === 1;
        if (!ok) expect(status.failures?.[0]?.message).toMatch(/received from energy as TLP:AMBER/);
      }
      expect(ok).toBe(accepted);
      // what energy's readers see of energy's object: its latest own version, whoever else wrote
      const expected: StixObject = writer === 'energy' ? later : ind;
      for (const reader of ['energy', 'centre', 'litware']) {
        const objects = await caseBundle(reader, filed.body.id);
        expect([reader, objects.find((o) => o.id === ind.id)?.name]).toEqual([reader, expected.name]);
      }
      // and health never sees energy's AMBER copy of it through the incidents collection
      const forHealth = await get(`${ROOT}/collections/${collectionId('incidents')}/objects/${ind.id}/`, basic(keys.health));
      const names = (forHealth.body.objects ?? []).map((o: StixObject) => o.name);
      expect(names).not.toContain(ind.name);
    });
  });

  describe('match[version] first / last are chosen among the versions the reader may read', () => {
    // adatum's copy, addressed to the energy unit; litware (energy's member) reads AMBER, never RED
    async function versions(first: 'TLP:RED' | 'TLP:AMBER', second: 'TLP:RED' | 'TLP:AMBER') {
      const network = await hub.app.get(NetworkDirectory).network();
      const v1 = malware(first);
      const v2 = marked({ ...v1, modified: '2026-02-02T10:00:00.000Z', name: 'GridLock v2' }, second);
      const options = { authorOrgId: network.bySlug('adatum')!.id, recipientOrgIds: [network.bySlug('energy')!.id], tlp: undefined };
      await hub.app.get(StixStoreService).store([v1], options);
      await hub.app.get(StixStoreService).store([v2], options);
      return { v1, v2 };
    }
    const names = async (id: string, selector: string) => {
      const res = await get(`${ROOT}/collections/${collectionId('energy')}/objects/${id}/?match[version]=${selector}`, basic(keys.litware));
      return res.status === 200 ? res.body.objects.map((o: StixObject) => o.name) : res.status;
    };

    it('an earlier version the reader may not read: first is the first it may read, as last answers', async () => {
      const { v1 } = await versions('TLP:RED', 'TLP:AMBER');
      expect(await names(v1.id as string, 'first')).toEqual(['GridLock v2']);
      expect(await names(v1.id as string, 'last')).toEqual(['GridLock v2']);
      expect(await names(v1.id as string, 'all')).toEqual(['GridLock v2']);
    });

    it('a later version the reader may not read: last is the last it may read', async () => {
      const { v1 } = await versions('TLP:AMBER', 'TLP:RED');
      expect(await names(v1.id as string, 'last')).toEqual([v1.name]);
      expect(await names(v1.id as string, 'first')).toEqual([v1.name]);
      // the author's sector unit reads both: last is the newest
      const unit = await get(`${ROOT}/collections/${collectionId('energy')}/objects/${v1.id}/?match[version]=last`, basic(keys.energy));
      expect(unit.body.objects.map((o: StixObject) => o.name)).toEqual(['GridLock v2']);
    });
  });

  it('an owner that tightened its marking since: what a recipient read of the earlier version still binds its copy', async () => {
    const network = await hub.app.get(NetworkDirectory).network();
    const v1 = malware('TLP:AMBER');
    const v2 = marked({ ...v1, modified: '2026-02-03T10:00:00.000Z' }, 'TLP:RED');
    const options = { authorOrgId: network.bySlug('adatum')!.id, recipientOrgIds: [network.bySlug('energy')!.id], tlp: undefined };
    await hub.app.get(StixStoreService).store([v1], options);
    await hub.app.get(StixStoreService).store([v2], options);
    // litware read v1 (AMBER reaches energy's members), not v2 (RED): a TLP:GREEN copy would re-mark what it read
    const status = await push('litware', 'energy', [marked({ ...v1, modified: '2026-02-04T10:00:00.000Z' }, 'TLP:GREEN')]);
    expect([status.success_count, status.failures?.[0]?.message]).toEqual([0, expect.stringMatching(/received from adatum as TLP:AMBER/)]);
  });

  it('a relationship is governed by its own marking: one whose ends are unreadable or absent is stored (with warnings) and served as its author marked it', async () => {
    const { inc } = await energyRed();
    const absent = `malware--${crypto.randomUUID()}`;
    const rel: StixObject = marked(relationship(absent, inc.id as string), 'TLP:CLEAR');
    const validated = await validate('energy', bundleOf([rel]));
    expect(validated.body.valid).toBe(true);
    expect(validated.body.warnings.map((w: { code: string; pointer: string }) => `${w.code} ${w.pointer}`)).toEqual(['STIX.UNRESOLVED_REFERENCE /objects/0/source_ref']);
    expect((await push('energy', 'public', [rel])).success_count).toBe(1);
    // served to anyone as CLEAR: the hub neither widens nor narrows it because of its ends
    const pub = await get(`${ROOT}/collections/${collectionId('public')}/objects/${rel.id}/`);
    expect(pub.body.objects).toEqual([rel]);
    // its RED end stays RED: not in the public feed
    expect((await get(`${ROOT}/collections/${collectionId('public')}/objects/${inc.id}/`)).status).toBe(404);
  });
});
