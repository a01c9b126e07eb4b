import { Injectable } from '@nestjs/common';
import type { QueueHandler, QueueJob } from '@isac/messaging';
import { ROUTE_QUEUE, routeJobAdvisories, type RouteJobs } from './queues.js';
import { RouterService } from './router.service.js';

@Injectable()
export class RouteProcessor implements QueueHandler<RouteJobs> {
  readonly queue = ROUTE_QUEUE;

  constructor(private readonly router: RouterService) {}

  /** Completes once every advisory of the job is routed; fails (and is tried again, all of it) if one is not. */
  handle(job: QueueJob<RouteJobs>) {
    return Promise.all(routeJobAdvisories(job.data).map((advisoryId) => this.router.route(advisoryId)));
  }
}
