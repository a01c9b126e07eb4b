import type { INestApplication } from '@nestjs/common';

export interface Route {
  method: string;
  path: string;
}

/** Every route the API's Express router serves, one per method, as Nest registered them. */
export function routerRoutes(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance();
  const stack = express.router.stack as unknown as { route?: { path: string; methods: Record<string, boolean> } }[];
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })));
}

/** Who may use a route: anyone (no key needed), any valid key, or a key holding one of these roles. */
export type RouteAccess = 'public' | 'any key' | readonly ('reporter' | 'analyst' | 'coordinator' | 'admin')[];

/**
 * DESIGN §1 as every route applies it: the table the README's "Roles and keys" prints, kept here
 * once so that the access suite checks each route against it and the README against it. Public
 * TAXII routes that take a role read the public collection without a key; a key sent must hold it.
 */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': ['admin'],
  'GET /api/v1/me': 'any key',
  'GET /api/v1/tlp': 'any key',
  'GET /api/v1/organisations': 'any key',
  'GET /api/v1/organisations/:slug': 'any key',
  'POST /api/v1/organisations': ['admin'],
  'PUT /api/v1/organisations/:slug/webhook': ['admin'],
  'GET /api/v1/audit': ['admin'],
  'POST /api/v1/stix/validate': 'any key',
  'POST /api/v1/incidents': ['reporter'],
  'GET /api/v1/incidents': ['analyst', 'reporter'],
  'GET /api/v1/incidents/:id': ['analyst', 'reporter'],
  'GET /api/v1/incidents/:id/bundle': ['analyst', 'reporter'],
  'POST /api/v1/incidents/:id/feedback': ['analyst'],
  'GET /api/v1/incidents/:id/messages': ['analyst', 'reporter'],
  'POST /api/v1/incidents/:id/messages': ['analyst', 'reporter'],
  'GET /api/v1/incidents/:id/links': ['analyst', 'reporter'],
  'POST /api/v1/incidents/:id/links': ['coordinator'],
  'POST /api/v1/incidents/:id/close': ['analyst', 'reporter'],
  'POST /api/v1/incidents/:id/reopen': ['analyst', 'reporter'],
  'POST /api/v1/advisories': ['analyst'],
  'POST /api/v1/alerts': ['analyst'],
  'GET /api/v1/advisories': ['analyst'],
  'GET /api/v1/advisories/:id': ['analyst'],
  'POST /api/v1/advisories/:id/forward': ['analyst'],
  'GET /api/v1/inbox': ['analyst'],
  'POST /api/v1/inbox/:id/read': ['analyst'],
  'POST /api/v1/inbox/:id/ack': ['analyst'],
  'GET /api/v1/events': ['analyst', 'reporter'],
  'GET /api/v1/insights': ['analyst'],
  'POST /api/v1/infrastructure': ['analyst'],
  'GET /api/v1/infrastructure': ['analyst'],
  'GET /api/v1/infrastructure/graph': ['analyst'],
  'GET /api/v1/infrastructure/stix': ['analyst'],
  'POST /api/v1/infrastructure/stix': ['analyst'],
  'PUT /api/v1/infrastructure/:id': ['analyst'],
  'DELETE /api/v1/infrastructure/:id': ['analyst'],
  'POST /api/v1/major-incidents': ['analyst'],
  'GET /api/v1/major-incidents': ['analyst'],
  'GET /api/v1/major-incidents/:id': ['analyst'],
  'POST /api/v1/major-incidents/:id/cases': ['analyst'],
  'POST /api/v1/major-incidents/:id/sitreps': ['analyst'],
  'PUT /api/v1/major-incidents/:id/status': ['analyst'],
  'POST /api/v1/major-incidents/:id/tasks': ['analyst'],
  'POST /api/v1/major-incidents/:id/decisions': ['analyst'],
  'POST /api/v1/major-incidents/:id/stand-down': ['analyst'],
  'GET /api/v1/major-incidents/:id/report.md': ['analyst'],
  'GET /api/v1/major-incidents/:id/report.html': ['analyst'],
  'POST /api/v1/exercises': ['coordinator'],
  'GET /api/v1/exercises/:id': ['coordinator'],
  'POST /api/v1/exercises/:id/start': ['coordinator'],
  'POST /api/v1/exercises/:id/pause': ['coordinator'],
  'POST /api/v1/exercises/:id/resume': ['coordinator'],
  'POST /api/v1/exercises/:id/fast-forward': ['coordinator'],
  'POST /api/v1/exercises/:id/purge': ['coordinator'],
  'GET /api/v1/exercises/:id/report.md': ['coordinator'],
  'GET /api/v1/infrastructure/reach': ['analyst'],
  'GET /api/v1/briefings/subscription': ['analyst', 'admin'],
  'PUT /api/v1/briefings/subscription': ['analyst', 'admin'],
  'DELETE /api/v1/briefings/subscription': ['analyst', 'admin'],
  'POST /api/v1/meetings': ['coordinator'],
  'GET /api/v1/meetings': ['coordinator', 'analyst'],
  'GET /api/v1/meetings/:id': ['coordinator', 'analyst'],
  'PATCH /api/v1/meetings/:id': ['coordinator'],
  'GET /api/v1/meetings/:id/proposals': ['coordinator', 'analyst'],
  'POST /api/v1/meetings/:id/proposals': ['analyst', 'coordinator'],
  'POST /api/v1/meetings/:id/agenda/draft': ['coordinator'],
  'PATCH /api/v1/meetings/:id/agenda': ['coordinator'],
  'POST /api/v1/meetings/:id/publish': ['coordinator'],
  'POST /api/v1/meetings/:id/agenda/correction': ['coordinator'],
  'PATCH /api/v1/meetings/:id/agenda/correction': ['coordinator'],
  'DELETE /api/v1/meetings/:id/agenda/correction': ['coordinator'],
  'POST /api/v1/meetings/:id/agenda/versions': ['coordinator'],
  'GET /api/v1/meetings/:id/agenda/versions': ['coordinator', 'analyst'],
  'GET /api/v1/meetings/:id/agenda.md': ['coordinator', 'analyst'],
  'GET /api/v1/meetings/:id/agenda.html': ['coordinator', 'analyst'],
  'GET /api/v1/meetings/:id/meeting.ics': ['coordinator', 'analyst'],
  'GET /api/v1/meetings/:id/minutes': ['coordinator', 'analyst'],
  'POST /api/v1/meetings/:id/minutes/decisions': ['coordinator'],
  'POST /api/v1/meetings/:id/minutes/actions': ['coordinator'],
  'PATCH /api/v1/meetings/:id/minutes/actions/:actionId': ['coordinator'],
  'GET /taxii2': 'public',
  'GET /taxii2/api': 'public',
  'GET /taxii2/api/status/:statusId': ['analyst'],
  'GET /taxii2/api/collections': ['analyst'],
  'GET /taxii2/api/collections/:collectionId': ['analyst'],
  'GET /taxii2/api/collections/:collectionId/objects': ['analyst'],
  'POST /taxii2/api/collections/:collectionId/objects': ['analyst'],
  'GET /taxii2/api/collections/:collectionId/objects/:objectId': ['analyst'],
  'DELETE /taxii2/api/collections/:collectionId/objects/:objectId': ['analyst'],
  'GET /taxii2/api/collections/:collectionId/objects/:objectId/versions': ['analyst'],
  'GET /taxii2/api/collections/:collectionId/manifest': ['analyst'],
};
