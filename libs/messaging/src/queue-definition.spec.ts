import { checkHandlers, defineQueue, queuesOf, type QueueHandler } from './queue-definition.js';

const a = defineQueue<{ ping: { at: number } }>({ name: 'a', concurrency: 1, defaultJobOptions: {} });
const b = defineQueue<{ pong: { at: number } }>({ name: 'b', concurrency: 1, defaultJobOptions: {} });
const handler = (queue: typeof a | typeof b): QueueHandler => ({ queue, handle: async () => undefined }) as unknown as QueueHandler;

describe('checkHandlers', () => {
  it('accepts exactly one handler per queue', () => {
    expect(checkHandlers([a, b], [handler(a), handler(b)])).toEqual([]);
  });

  it('names queues without a handler, with two, and handlers of undeclared queues', () => {
    expect(checkHandlers([a, b], [handler(a), handler(a)])).toEqual([
      'queue "a" has 2 handlers, needs exactly one',
      'queue "b" has 0 handlers, needs exactly one',
    ]);
    expect(checkHandlers([a], [handler(a), handler(b)])).toEqual(['handler for undeclared queue "b"']);
  });

  it('lets one handler serve a family of queues', () => {
    const familyHandler = { queue: [a, b], handle: async () => undefined } as unknown as QueueHandler;
    expect(checkHandlers([a, b], [familyHandler])).toEqual([]);
    expect(checkHandlers([a, b], [familyHandler, handler(b)])).toEqual(['queue "b" has 2 handlers, needs exactly one']);
    expect(checkHandlers([a], [familyHandler])).toEqual(['handler for undeclared queue "b"']);
  });
});

describe('queuesOf', () => {
  it("lists the queues of the handlers, in their order, a family's each, every name once", () => {
    const c = defineQueue<{ ping: { at: number } }>({ name: 'c', concurrency: 1, defaultJobOptions: {} });
    const familyHandler = { queue: [b, c], handle: async () => undefined } as unknown as QueueHandler;
    expect(queuesOf([handler(a), familyHandler]).map((q) => q.name)).toEqual(['a', 'b', 'c']);
    // two handlers of one queue: listed once, and the check names the second handler
    const twice = [handler(a), handler(a)];
    expect(queuesOf(twice)).toEqual([a]);
    expect(checkHandlers(queuesOf(twice), twice)).toEqual(['queue "a" has 2 handlers, needs exactly one']);
  });
});
