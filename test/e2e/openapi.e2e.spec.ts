// The OpenAPI document at /docs-json, read as an integrator writing a client from it would: valid
// OpenAPI 3, every /api/v1 route of the router in it with what a client needs (summary, security,
// parameters, body, success and problem+json responses), examples that fit their schemas, and
// schemas that fit what the API really answers.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from '@isac/auth';
import { declaredErrors } from '@isac/problems';
import { bearer } from '../factories/bearer.js';
import { advisoryRequest, alertRequest } from '../factories/advisories.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { type AdvisoryHub, startAdvisoryHub } from '../support/advisories-harness.js';
import type { ApiHarness } from '../support/api-harness.js';
import { routerRoutes, type Route } from '../support/router-routes.js';

type Json = Record<string, any>;

const STIX = 'application/stix+json;version=2.1';
const PROBLEM_REF = '#/components/schemas/ProblemSchema';
// Nest's route-argument kinds (RouteParamtypes in @nestjs/common)
const BODY = 3;
const QUERY = 4;
const HEADERS = 6;
/** Routes that take STIX bundles: both media types, and 415 for any other. */
const STIX_BODIES = new Set(['POST /api/v1/incidents', 'POST /api/v1/stix/validate']);
/**
 * Controllers whose decorators are being changed elsewhere: their routes are reported, not
 * required; the last test fails once they are complete, so that the entry goes.
 */
const PENDING_CONTROLLERS = new Set<string>([]);

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The controllers of the application by class name, to read a route's handler from its operationId (`Class_method`). */
function controllersByName(hub: ApiHarness): Map<string, Function> {
  const byName = new Map<string, Function>();
  for (const module of hub.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) byName.set(wrapper.metatype.name, wrapper.metatype as Function);
  }
  return byName;
}

interface Handler {
  controller: Function;
  method: string;
  args: { kind: number; data?: string; type: unknown }[];
  httpCode?: number;
  roles?: string[];
  isPublic: boolean;
}

function handlerOf(controllers: Map<string, Function>, operationId: string): Handler | undefined {
  const [className, method] = operationId.split('_');
  const controller = controllers.get(className);
  if (!controller || !method) return undefined;
  const fn = (controller.prototype as Record<string, Function>)[method];
  const routeArgs = (Reflect.getMetadata('__routeArguments__', controller, method) ?? {}) as Record<string, { index: number; data?: string }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  const args = Object.entries(routeArgs)
    .filter(([key]) => !key.includes('__customRouteArgs__'))
    .map(([key, arg]) => ({ kind: Number(key.split(':')[0]), data: arg.data, type: types[arg.index] }));
  return {
    controller,
    method,
    args,
    httpCode: Reflect.getMetadata('__httpCode__', fn),
    roles: Reflect.getMetadata(REQUIRED_ROLES, fn) ?? Reflect.getMetadata(REQUIRED_ROLES, controller),
    isPublic: Boolean(Reflect.getMetadata(PUBLIC_ROUTE, fn) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller)),
  };
}

/** The properties a query DTO validates: each one is a query parameter a client may send. */
function dtoProperties(type: unknown): string[] {
  if (typeof type !== 'function' || [String, Number, Boolean, Object].includes(type as never)) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** What a client needs and the document does not say about one route. */
function missingOf(route: Route, op: Json | undefined, handler: Handler | undefined): string[] {
  if (!op) return ['not in the document'];
  if (!handler) return [`no handler for operationId ${op.operationId}`];
  const missing: string[] = [];
  const params = (op.parameters ?? []) as Json[];
  const has = (where: string, name: string) => params.some((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase());
  if (!op.summary) missing.push('summary');
  if (!handler.isPublic) {
    const schemes = ((op.security ?? []) as Json[]).flatMap((s) => Object.keys(s));
    if (!schemes.includes('bearer')) missing.push('security: bearer');
    if (!schemes.includes('basic')) missing.push('security: basic');
  }
  for (const name of [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1])) {
    if (!params.some((p) => p.in === 'path' && p.name === name && p.required === true)) missing.push(`path parameter ${name}`);
  }
  const queries = handler.args.filter((a) => a.kind === QUERY).flatMap((a) => (a.data ? [a.data] : dtoProperties(a.type)));
  for (const name of queries) if (!has('query', name)) missing.push(`query parameter ${name}`);
  for (const name of handler.args.filter((a) => a.kind === HEADERS && a.data && a.data !== 'content-type').map((a) => a.data!)) {
    if (!has('header', name)) missing.push(`header ${name}`);
  }
  const body = handler.args.find((a) => a.kind === BODY);
  const content = (op.requestBody?.content ?? {}) as Record<string, Json>;
  if (body) {
    if (Object.keys(content).length === 0) missing.push('request body');
    for (const [type, media] of Object.entries(content)) if (!media.schema) missing.push(`request body schema for ${type}`);
    const types = STIX_BODIES.has(`${route.method} ${route.path}`) ? [STIX, 'application/json'] : ['application/json'];
    for (const type of types) if (!content[type]) missing.push(`request body content type ${type}`);
  }
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const success = String(handler.httpCode ?? (route.method === 'POST' ? 201 : 200));
  const successContent = Object.values(responses[success]?.content ?? {}) as Json[];
  if (successContent.length === 0 || successContent.some((m) => !m.schema)) missing.push(`response ${success} with a schema`);
  const problems = new Set<number>();
  if (!handler.isPublic) problems.add(401);
  if (handler.roles?.length) problems.add(403);
  if (route.path.includes(':')) problems.add(404);
  if (body || queries.length > 0) problems.add(400);
  if (body) problems.add(413);
  if (STIX_BODIES.has(`${route.method} ${route.path}`)) problems.add(415);
  for (const status of problems) {
    if (responses[status]?.content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF) missing.push(`problem+json response ${status}`);
  }
  return missing;
}

/** Response schemas closed (no undocumented properties), so that a field the API adds and the document lacks fails. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'example' || k === 'examples' ? v : closed(v)])) as Json;
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

describe('the OpenAPI document', () => {
  // with the worker: advisories are routed, so inbox entries and receipts are real answers too
  let hub: AdvisoryHub;
  let doc: Json;
  let routes: Route[];
  let ajv: Ajv;

  beforeAll(async () => {
    hub = await startAdvisoryHub();
    doc = (await hub.http.get('/docs-json').expect(200)).body as Json;
    routes = routerRoutes(hub.app).filter((r) => r.path.startsWith('/api/v1/'));
    // OpenAPI 3.0 schemas: `nullable` is ajv's too; `example` and friends are annotations
    ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
    addFormats(ajv);
    ajv.addSchema({ components: closed(doc.components) }, 'openapi');
  });
  afterAll(() => hub.close());

  const operation = (route: Route): Json | undefined => doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
  const responseSchema = (method: string, path: string, status = '200'): ValidateFunction => {
    const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} has no application/json schema for ${status}`);
    return ajv.compile(JSON.parse(JSON.stringify(closed(schema)).replaceAll('"#/components/', '"openapi#/components/')));
  };
  const expectValid = (validate: ValidateFunction, body: unknown) => {
    validate(body);
    expect(validate.errors ?? []).toEqual([]);
  };

  it('is valid OpenAPI 3', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\./);
    // the key is the hub's own (isac_<prefix>.<secret>), not a JWT, and basic auth carries it too
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'isac API key' }),
      basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it('lists every declared error code with the status it answers with (ProblemSchema.code x-error-codes)', () => {
    const listed = doc.components.schemas.ProblemSchema.properties.code['x-error-codes'];
    expect(listed).toEqual(Object.fromEntries(declaredErrors().map((d) => [d.code, d.status])));
    expect(Object.keys(listed).length).toBeGreaterThan(90);
    expect(listed).toMatchObject({ 'AGENDA.PARTICIPANTS_CHANGED': 409, 'INCIDENT.STAGE_REQUIRED': 400, 'INCIDENT.BUNDLE_REJECTED': 422, 'ORG.NOT_FOUND': 404 });
  });

  it('describes every /api/v1 route of the router with what a client needs', () => {
    const controllers = controllersByName(hub);
    const missing = routes
      .map((route) => {
        const op = operation(route);
        const handler = op && handlerOf(controllers, op.operationId);
        return { route: `${route.method} ${route.path}`, controller: handler?.controller.name, missing: missingOf(route, op, handler) };
      })
      .filter((r) => !PENDING_CONTROLLERS.has(r.controller ?? '') && r.missing.length > 0)
      .map((r) => `${r.route}: ${r.missing.join(', ')}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('holds examples that fit their schemas', () => {
    const wrong: string[] = [];
    let checked = 0;
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Json;
      if (schema.example !== undefined && (schema.type || schema.$ref || schema.enum)) {
        const { example, ...rest } = schema;
        const validate = ajv.compile(JSON.parse(JSON.stringify(rest).replaceAll('"#/components/', '"openapi#/components/')));
        checked++;
        if (!validate(example)) wrong.push(`${where}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
      }
      for (const [key, value] of Object.entries(schema)) if (key !== 'example' && key !== 'examples') walk(value, `${where}/${key}`);
    };
    walk(doc.components.schemas, '#/components/schemas');
    walk(doc.paths, '#/paths');
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  it('has schemas that fit what the API answers', async () => {
    const energy = await hub.key('energy', ['reporter', 'analyst', 'coordinator', 'admin']);
    const centre = await hub.key('centre', ['analyst', 'coordinator']);
    const get = async (path: string, key = energy) => (await hub.http.get(path).set(bearer(key)).expect(200)).body;

    expectValid(responseSchema('get', '/api/v1/me'), await get('/api/v1/me'));
    expectValid(responseSchema('get', '/api/v1/tlp'), await get('/api/v1/tlp'));
    expectValid(responseSchema('get', '/api/v1/organisations'), await get('/api/v1/organisations'));
    expectValid(responseSchema('get', '/api/v1/organisations/{slug}'), await get('/api/v1/organisations/energy'));
    expectValid(responseSchema('get', '/api/v1/organisations/{slug}'), await get('/api/v1/organisations/centre'));

    const filed = await hub.http.post('/api/v1/incidents').set(bearer(energy)).set('Content-Type', STIX).send(JSON.stringify(incidentBundle({ tlp: 'TLP:GREEN' }))).expect(201);
    expectValid(responseSchema('post', '/api/v1/incidents', '201'), filed.body);
    expectValid(responseSchema('get', '/api/v1/incidents'), await get('/api/v1/incidents'));
    expectValid(responseSchema('get', '/api/v1/incidents/{id}'), await get(`/api/v1/incidents/${filed.body.id}`));

    const meeting = await hub.http
      .post('/api/v1/meetings')
      .set(bearer(centre))
      .send({ title: 'Network meeting', startsAt: '2026-03-02T09:00:00Z', endsAt: '2026-03-02T12:00:00Z', participants: ['centre', 'energy'], series: 'sector-network' })
      .expect(201);
    expectValid(responseSchema('post', '/api/v1/meetings', '201'), meeting.body);
    expectValid(responseSchema('get', '/api/v1/meetings/{id}'), await get(`/api/v1/meetings/${meeting.body.id}`, centre));
    expectValid(responseSchema('get', '/api/v1/meetings'), await get('/api/v1/meetings', centre));

    // a problem+json answer fits the problem schema
    const notFound = await hub.http.get('/api/v1/organisations/nowhere').set(bearer(energy)).expect(404);
    expectValid(ajv.compile({ $ref: `openapi${PROBLEM_REF}` }), notFound.body);
  });

  it('has schemas that fit what the advisories and inbox routes answer', async () => {
    const health = await hub.key('health', ['analyst']);
    const litware = await hub.key('litware', ['analyst']);
    const centre = await hub.key('centre', ['analyst']);
    const get = async (path: string, key: string) => (await hub.http.get(path).set(bearer(key)).expect(200)).body;
    const routed = (id: string) => hub.until(`routing of ${id}`, async () => (await hub.db.query(`SELECT routed_at FROM advisories WHERE id = $1`, [id]))[0]?.routed_at != null);

    // a webhook nobody answers: litware's receipt carries a push state
    const webhook = await hub.http.put('/api/v1/organisations/litware/webhook').set(bearer(await hub.key('litware', ['admin']))).send({ url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' }).expect(200);
    expectValid(responseSchema('put', '/api/v1/organisations/{slug}/webhook'), webhook.body);

    const request = advisoryRequest({ audience: { sectors: ['energy'], organisations: ['finance'] }, stix: incidentBundle({ tlp: 'TLP:AMBER' }).objects });
    const published = await hub.http.post('/api/v1/advisories').set(bearer(health)).set('Idempotency-Key', 'openapi-1').send(request).expect(201);
    expectValid(responseSchema('post', '/api/v1/advisories', '201'), published.body);
    const replay = await hub.http.post('/api/v1/advisories').set(bearer(health)).set('Idempotency-Key', 'openapi-1').send(request).expect(200);
    expectValid(responseSchema('post', '/api/v1/advisories', '200'), replay.body);
    const alert = await hub.http.post('/api/v1/alerts').set(bearer(centre)).send(alertRequest({ audience: { organisations: ['litware'] } })).expect(201);
    expectValid(responseSchema('post', '/api/v1/alerts', '201'), alert.body);
    await routed(published.body.id);
    await routed(alert.body.id);

    const forwarded = await hub.http.post(`/api/v1/advisories/${alert.body.id}/forward`).set(bearer(litware)).send({ organisations: ['energy'] }).expect(200);
    expectValid(responseSchema('post', '/api/v1/advisories/{id}/forward'), forwarded.body);
    expectValid(responseSchema('post', '/api/v1/inbox/{id}/read'), (await hub.http.post(`/api/v1/inbox/${published.body.id}/read`).set(bearer(litware)).expect(200)).body);
    expectValid(responseSchema('post', '/api/v1/inbox/{id}/ack'), (await hub.http.post(`/api/v1/inbox/${alert.body.id}/ack`).set(bearer(litware)).expect(200)).body);

    // the author's view, with receipts (litware's with its webhook's state, energy's of the forward), and a recipient's
    const advisory = responseSchema('get', '/api/v1/advisories/{id}');
    const asAuthor = await get(`/api/v1/advisories/${published.body.id}`, health);
    expect(asAuthor.receipts.find((r: Json) => r.organisation.slug === 'litware')).toMatchObject({ readAt: expect.any(String), webhook: { state: expect.any(String) } });
    expectValid(advisory, asAuthor);
    const alertAsAuthor = await get(`/api/v1/advisories/${alert.body.id}`, centre);
    expect(alertAsAuthor.receipts.find((r: Json) => r.organisation.slug === 'energy')).toMatchObject({ forwardedBy: { slug: 'litware' } });
    expectValid(advisory, alertAsAuthor);
    const asRecipient = await get(`/api/v1/advisories/${published.body.id}`, litware);
    expect(asRecipient.receipts).toBeUndefined();
    expectValid(advisory, asRecipient);
    expectValid(responseSchema('get', '/api/v1/advisories'), await get('/api/v1/advisories', litware));

    // entries routed and forwarded, read and acknowledged
    const energy = await hub.key('energy', ['analyst']);
    const energyInbox = await get('/api/v1/inbox', energy);
    expect(energyInbox.entries.find((e: Json) => e.id === alert.body.id)).toMatchObject({ forwardedBy: { slug: 'litware' } });
    expectValid(responseSchema('get', '/api/v1/inbox'), energyInbox);
    const litwareInbox = await get('/api/v1/inbox', litware);
    expect(litwareInbox.entries.map((e: Json) => e.id).sort()).toEqual([published.body.id, alert.body.id].sort());
    expectValid(responseSchema('get', '/api/v1/inbox'), litwareInbox);
    expectValid(responseSchema('get', '/api/v1/inbox'), await get('/api/v1/inbox?limit=1', litware));
  });

  it('lists as pending only controllers whose routes still lack something', () => {
    const controllers = controllersByName(hub);
    const pendingComplete = [...PENDING_CONTROLLERS].filter((name) =>
      routes.every((route) => {
        const op = operation(route);
        const handler = op && handlerOf(controllers, op.operationId);
        return handler?.controller.name !== name || missingOf(route, op, handler).length === 0;
      }),
    );
    expect(pendingComplete).toEqual([]);
  });
});
