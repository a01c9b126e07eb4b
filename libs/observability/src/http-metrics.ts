import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast read (5 ms) to a large bundle's filing (30 s). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A process's Prometheus registry: Node's own metrics plus its HTTP requests, prefixed `isac_`. */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, prefix: 'isac_' });
  return registry;
}

/**
 * Express middleware counting requests and timing them by route. The route is the pattern that
 * matched (`/api/v1/incidents/:id`), never the URL itself: ids would make a series per request.
 */
export function httpMetrics(registry: Registry) {
  const requests = new Counter({
    name: 'isac_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'isac_http_request_duration_seconds',
    help: 'HTTP request duration until the answer was sent, by method and route',
    labelNames: ['method', 'route'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = durations.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stop({ method: req.method, route });
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
