import type { DefaultJobOptions } from 'bullmq';

/**
 * A queue, named once (STYLE rule 9): its name, payload type per job name, default options and the
 * worker concurrency. Each context declares its queues in its own `queues.ts`.
 */
export interface QueueDefinition<Jobs extends object = Record<string, unknown>> {
  name: string;
  concurrency: number;
  defaultJobOptions: DefaultJobOptions;
  /** BullMQ rate limit of the queue's workers: at most `max` jobs per `duration` ms. */
  limiter?: { max: number; duration: number };
  /** phantom: the payload of each job name */
  readonly jobs?: Jobs;
}

export function defineQueue<Jobs extends object>(definition: Omit<QueueDefinition<Jobs>, 'jobs'>): QueueDefinition<Jobs> {
  return definition;
}

export interface QueueJob<Jobs extends object, Name extends keyof Jobs = keyof Jobs> {
  id?: string;
  name: Name;
  data: Jobs[Name];
  attemptsMade: number;
  /** when the job was added (ms since the epoch) */
  timestamp: number;
  /** `delay`: how long after `timestamp` it was due to run (a delayed or scheduled job), in ms; kept once it runs */
  opts?: { delay?: number };
}

/**
 * The one processor of a queue: a thin adapter that hands each job to a use case. One handler may
 * serve a family of queues with the same jobs (e.g. one `deliver-<sector>` queue per sector, each
 * with its own concurrency and rate limit).
 */
export interface QueueHandler<Jobs extends object = Record<string, unknown>> {
  readonly queue: QueueDefinition<Jobs> | readonly QueueDefinition<Jobs>[];
  handle(job: QueueJob<Jobs>): Promise<unknown>;
}

/** The definitions of the queues a handler serves. */
export function servedDefinitions(handler: AnyQueueHandler): AnyQueueDefinition[] {
  const queues: readonly AnyQueueDefinition[] = Array.isArray(handler.queue) ? handler.queue : [handler.queue];
  return [...queues];
}

/** The names of the queues a handler serves. */
export function servedQueues(handler: AnyQueueHandler): string[] {
  return servedDefinitions(handler).map((q) => q.name);
}

/**
 * The queues a worker runs: those its handlers serve, in their order, each once (the first
 * definition of a name wins; a second handler of the same queue is left to `checkHandlers`).
 */
export function queuesOf(handlers: AnyQueueHandler[]): AnyQueueDefinition[] {
  const byName = new Map<string, AnyQueueDefinition>();
  for (const definition of handlers.flatMap(servedDefinitions)) if (!byName.has(definition.name)) byName.set(definition.name, definition);
  return [...byName.values()];
}

/** A handler class of any queue (handlers are contravariant in their jobs, hence `any`). */
// `any`: a handler or definition of whichever job map, where the host only routes jobs to them
export type AnyQueueHandler = QueueHandler<any>;
export type AnyQueueDefinition = QueueDefinition<any>;

export const QUEUE_HANDLERS = Symbol('QUEUE_HANDLERS');

/** Boot fails when a queue has no handler or two (STYLE: queues checked at boot). */
export function checkHandlers(definitions: AnyQueueDefinition[], handlers: AnyQueueHandler[]): string[] {
  const problems: string[] = [];
  for (const definition of definitions) {
    const count = handlers.filter((h) => servedQueues(h).includes(definition.name)).length;
    if (count !== 1) problems.push(`queue "${definition.name}" has ${count} handlers, needs exactly one`);
  }
  for (const handler of handlers) {
    for (const name of servedQueues(handler)) {
      if (!definitions.some((d) => d.name === name)) problems.push(`handler for undeclared queue "${name}"`);
    }
  }
  return problems;
}
