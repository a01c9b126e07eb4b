import { Injectable } from '@nestjs/common';
import type { QueueHandler, QueueJob } from '@isac/messaging';
import { ROUTE_QUEUE, type RouteJobs } from './queues.js';
import { RouterService } from './router.service.js';

@Injectable()
export class RouteProcessor implements QueueHandler<RouteJobs> {
  readonly queue = ROUTE_QUEUE;

  constructor(private readonly router: RouterService) {}

  handle(job: QueueJob<RouteJobs>) {
    return this.router.route(job.data.advisoryId);
  }
}
