// Issue 14: the STIX objects attached to an advisory are served at the advisory's marking, to its
// whole audience. An object whose own TLP is stricter than the advisory's is therefore refused (422,
// with the object's pointer): it would otherwise reach readers its marking excludes.
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from '@isac/stix';
import { advisoryRequest } from '../factories/advisories.js';
import { bearer } from '../factories/bearer.js';
import { indicator } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('STIX attached to an advisory is at most as strict as the advisory', () => {
  let hub: ApiHarness;
  let energy: string;

  beforeAll(async () => {
    hub = await startApi();
    energy = await hub.key('energy', ['analyst']);
  });
  afterAll(() => hub.close());

  const publish = (body: Record<string, unknown>) => hub.http.post('/api/v1/advisories').set(bearer(energy)).send(advisoryRequest(body));
  const count = async () => (await hub.http.get('/api/v1/advisories?limit=200').set(bearer(energy)).expect(200)).body.advisories.length;

  it('a TLP:RED object inside a TLP:GREEN advisory is a 422 naming its pointer; nothing is published', async () => {
    const before = await count();
    const res = await publish({ tlp: 'TLP:GREEN', audience: { all: true }, stix: [indicator('TLP:GREEN'), indicator('TLP:RED')] });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'ADVISORY.STIX_STRICTER_THAN_ADVISORY' });
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/stix/1' })]);
    expect(await count()).toBe(before);
  });

  it.each([
    ['TLP:AMBER+STRICT', 'TLP:AMBER', { organisations: ['health'] }],
    ['TLP:AMBER', 'TLP:GREEN', { sectors: ['energy'] }],
    ['TLP:GREEN', 'TLP:CLEAR', { all: true }],
  ])('a %s object inside a %s advisory is refused', async (objectTlp, advisoryTlp, audience) => {
    const res = await publish({ tlp: advisoryTlp, audience, stix: [indicator(objectTlp as never)] });
    expect([res.status, res.body.errors?.[0]?.pointer]).toEqual([422, '/stix/0']);
  });

  it('TLP 1.0 markings and granular markings count too', async () => {
    const tlp1Red = { ...indicator(null), object_marking_refs: [TLP1_MARKING_IDS.red] };
    let res = await publish({ tlp: 'TLP:AMBER', audience: { sectors: ['energy'] }, stix: [tlp1Red] });
    expect([res.status, res.body.errors?.[0]?.pointer]).toEqual([422, '/stix/0']);
    const granular = { ...indicator('TLP:GREEN'), granular_markings: [{ marking_ref: TLP2_MARKING_IDS['TLP:RED'], selectors: ['pattern'] }] };
    res = await publish({ tlp: 'TLP:GREEN', audience: { all: true }, stix: [granular] });
    expect([res.status, res.body.errors?.[0]?.pointer]).toEqual([422, '/stix/0/granular_markings/0']);
  });

  it('objects as strict as the advisory, more permissive, or unmarked (they take its marking) are published', async () => {
    const stix = [indicator('TLP:RED'), indicator('TLP:AMBER'), indicator('TLP:CLEAR'), indicator(null)];
    const res = await publish({ tlp: 'TLP:RED', audience: { organisations: ['health'] }, stix });
    expect(res.status).toBe(201);
    expect(res.body.stix).toEqual(stix);
  });
});
