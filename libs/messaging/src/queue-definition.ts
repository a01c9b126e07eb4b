import type { DefaultJobOptions } from 'bullmq';

/**
 * A queue, named once (STYLE rule 9): its name, payload type per job name, default options and the
 * worker concurrency. Each context declares its queues in its own `queues.ts`.
 */
export interface QueueDefinition<Jobs extends object = Record<string, unknown>> {
  name: string;
  concurrency: number;
  defaultJobOptions: DefaultJobOptions;
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
  timestamp: number;
}

/** The one processor of a queue: a thin adapter that hands each job to a use case. */
export interface QueueHandler<Jobs extends object = Record<string, unknown>> {
  readonly queue: QueueDefinition<Jobs>;
  handle(job: QueueJob<Jobs>): Promise<unknown>;
}

/** A handler class of any queue (handlers are contravariant in their jobs, hence `any`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQueueHandler = QueueHandler<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQueueDefinition = QueueDefinition<any>;

export const QUEUE_HANDLERS = Symbol('QUEUE_HANDLERS');

/** Boot fails when a queue has no handler or two (STYLE: queues checked at boot). */
export function checkHandlers(definitions: AnyQueueDefinition[], handlers: AnyQueueHandler[]): string[] {
  const problems: string[] = [];
  for (const definition of definitions) {
    const count = handlers.filter((h) => h.queue.name === definition.name).length;
    if (count !== 1) problems.push(`queue "${definition.name}" has ${count} handlers, needs exactly one`);
  }
  for (const handler of handlers) {
    if (!definitions.some((d) => d.name === handler.queue.name)) problems.push(`handler for undeclared queue "${handler.queue.name}"`);
  }
  return problems;
}
