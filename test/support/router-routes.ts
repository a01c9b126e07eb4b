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
