import { basic, bearer } from '../factories/bearer.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const SECTORS = ['telecom', 'energy', 'shipping', 'transport', 'health', 'finance'];

function expectProblem(body: Record<string, unknown>, status: number, code: string) {
  expect(body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String), detail: expect.any(String) });
  expect(Array.isArray(body.errors)).toBe(true);
}

describe('organisations API', () => {
  let hub: ApiHarness;
  let centreAdmin: string;
  let energyAdmin: string;
  let energyAnalyst: string;

  beforeAll(async () => {
    hub = await startApi();
    centreAdmin = await hub.key('centre', ['admin', 'analyst']);
    energyAdmin = await hub.key('energy', ['admin']);
    energyAnalyst = await hub.key('energy', ['analyst']);
  });
  afterAll(() => hub.close());

  it('GET /me tells the caller its organisation and roles', async () => {
    const res = await hub.http.get('/api/v1/me').set(bearer(energyAnalyst)).expect(200);
    expect(res.body).toMatchObject({ organisation: { slug: 'energy', kind: 'sector-unit', sector: 'energy' }, roles: ['analyst'] });
    expect(res.body.keyPrefix).toBe(energyAnalyst.split('.')[0]);
  });

  it('accepts the key as HTTP basic password, for TAXII clients', async () => {
    const res = await hub.http.get('/api/v1/me').set(basic(energyAnalyst)).expect(200);
    expect(res.body.organisation.slug).toBe('energy');
  });

  it('GET /tlp says what each marking means here: readers, audience and forwarding, from the policy', async () => {
    await hub.http.get('/api/v1/tlp').expect(401);
    const res = await hub.http.get('/api/v1/tlp').set(bearer(energyAnalyst)).expect(200);
    expect(res.body.markings.map((m: { label: string; audience: string; forwarding: string }) => [m.label, m.audience, m.forwarding])).toEqual([
      ['TLP:CLEAR', 'any', 'anyone'],
      ['TLP:GREEN', 'any', 'network'],
      ['TLP:AMBER', 'any', 'own-members'],
      ['TLP:AMBER+STRICT', 'named-organisations', 'never'],
      ['TLP:RED', 'named-organisations', 'never'],
    ]);
    expect(res.body.markings[2].readers).toBe('The author, the named organisations and their members may read it.');
  });

  it('lists the centre and the six sector units with their members', async () => {
    const res = await hub.http.get('/api/v1/organisations').set(bearer(energyAnalyst)).expect(200);
    const orgs: { slug: string; kind: string; parent: string | null; stixIdentityId: string }[] = res.body.organisations;
    expect(orgs[0]).toMatchObject({ slug: 'centre', kind: 'centre' });
    expect(orgs.filter((o) => o.kind === 'sector-unit').map((o) => o.slug).sort()).toEqual([...SECTORS].sort());
    expect(orgs.filter((o) => o.kind === 'member').every((m) => SECTORS.includes(m.parent!))).toBe(true);
    expect(new Set(orgs.map((o) => o.stixIdentityId)).size).toBe(orgs.length);
  });

  it('GET /organisations/:slug gives the organisation with its STIX identity', async () => {
    const res = await hub.http.get('/api/v1/organisations/litware').set(bearer(energyAnalyst)).expect(200);
    expect(res.body).toMatchObject({ slug: 'litware', kind: 'member', sector: 'energy', parent: 'energy' });
    expect(res.body.stixIdentity).toMatchObject({ type: 'identity', spec_version: '2.1', id: res.body.stixIdentityId, identity_class: 'organization' });
  });

  it('answers 404 as problem+json for an unknown organisation', async () => {
    const res = await hub.http.get('/api/v1/organisations/atlantis').set(bearer(energyAnalyst)).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(res.body, 404, 'ORG.NOT_FOUND');
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization header', {}, 'AUTH.UNAUTHENTICATED'],
      ['an unknown key', bearer('isac_00000000.' + 'A'.repeat(43)), 'AUTH.BAD_CREDENTIALS'],
      ['a string that is no key', bearer('hello'), 'AUTH.BAD_CREDENTIALS'],
      ['an unsupported scheme', { Authorization: 'Token abc' }, 'AUTH.BAD_CREDENTIALS'],
    ])('401 with %s', async (_, headers, code) => {
      const res = await hub.http.get('/api/v1/organisations').set(headers).expect(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expectProblem(res.body, 401, code);
    });

    it('401 for a key with the right prefix and a wrong secret', async () => {
      const [prefix] = energyAnalyst.split('.');
      const res = await hub.http.get('/api/v1/me').set(bearer(`${prefix}.${'B'.repeat(43)}`)).expect(401);
      expectProblem(res.body, 401, 'AUTH.BAD_CREDENTIALS');
    });

    it('a revoked key stops working at once, even after it was used', async () => {
      const key = await hub.key('health', ['analyst']);
      await hub.http.get('/api/v1/me').set(bearer(key)).expect(200);
      await hub.app.get((await import('@isac/organisations')).ApiKeysService).revoke(key.split('.')[0]);
      const res = await hub.http.get('/api/v1/me').set(bearer(key)).expect(401);
      expectProblem(res.body, 401, 'AUTH.BAD_CREDENTIALS');
    });
  });

  describe('POST /organisations', () => {
    it('lets a sector admin add a member to its own sector', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(energyAdmin)).send({ slug: 'harbour-energy', name: 'Harbour Energy' }).expect(201);
      expect(res.body).toMatchObject({ slug: 'harbour-energy', kind: 'member', sector: 'energy', parent: 'energy' });
      const listed = await hub.http.get('/api/v1/organisations/harbour-energy').set(bearer(energyAnalyst)).expect(200);
      expect(listed.body.stixIdentityId).toBe(res.body.stixIdentityId);
    });

    it('lets the centre admin add a member to any sector', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(centreAdmin)).send({ slug: 'county-clinic', name: 'County Clinic', parent: 'health' }).expect(201);
      expect(res.body).toMatchObject({ sector: 'health', parent: 'health' });
    });

    it('403 for a sector admin adding to another sector', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(energyAdmin)).send({ slug: 'rogue-bank', name: 'Rogue', parent: 'finance' }).expect(403);
      expectProblem(res.body, 403, 'ORG.OUT_OF_SCOPE');
    });

    it('403 for a key without the admin role', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(energyAnalyst)).send({ slug: 'x-corp', name: 'X Corp' }).expect(403);
      expectProblem(res.body, 403, 'AUTH.ROLE_REQUIRED');
    });

    it('409 for a slug already taken', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(centreAdmin)).send({ slug: 'litware', name: 'Another Litware', parent: 'energy' }).expect(409);
      expectProblem(res.body, 409, 'ORG.ALREADY_EXISTS');
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/slug' })]);
    });

    it('400 naming every invalid field with a JSON pointer', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(centreAdmin)).send({ slug: 'Not A Slug', name: 7, colour: 'red' }).expect(400);
      expectProblem(res.body, 400, 'REQUEST.VALIDATION_FAILED');
      const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/slug', '/name', '/colour']));
    });

    it('400 for malformed JSON, never a 500', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(centreAdmin)).set('Content-Type', 'application/json').send('{"slug": ').expect(400);
      expectProblem(res.body, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('400 when the parent is not a sector unit', async () => {
      const res = await hub.http.post('/api/v1/organisations').set(bearer(centreAdmin)).send({ slug: 'sub-member', name: 'Sub', parent: 'litware' }).expect(400);
      expectProblem(res.body, 400, 'ORG.INVALID');
      expect(res.body.errors[0].pointer).toBe('/parent');
    });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await hub.http.get('/api/v1/nothing-here').set(bearer(energyAnalyst)).expect(404);
    expectProblem(res.body, 404, 'REQUEST.NOT_FOUND');
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const given = await hub.http.get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const invented = await hub.http.get('/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs without a key', async () => {
    const json = await hub.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/organisations', '/api/v1/organisations/{slug}', '/health/ready']));
    const ui = await hub.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });
});
