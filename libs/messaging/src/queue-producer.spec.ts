import { defineQueue } from './queue-definition.js';
import type { QueueProducer } from './queue-producer.js';

interface Jobs {
  route: { advisoryId: string };
  sweep: Record<string, never>;
}
const QUEUE = defineQueue<Jobs>({ name: 'typed', concurrency: 1, defaultJobOptions: {} });

/** Checked by the type-check (`tsc -p .`), never run: each `@ts-expect-error` fails the build if its line compiles. */
export async function typedOnly(producer: QueueProducer): Promise<void> {
  await producer.addBulk(QUEUE, [
    { name: 'route', data: { advisoryId: 'a' }, opts: { jobId: 'a' } },
    { name: 'sweep', data: {} },
  ]);
  // @ts-expect-error a job name the queue does not declare
  await producer.addBulk(QUEUE, [{ name: 'push', data: { advisoryId: 'a' } }]);
  // @ts-expect-error the payload of another job of the queue
  await producer.addBulk(QUEUE, [{ name: 'sweep', data: { advisoryId: 'a' } }]);
  await producer.schedule(QUEUE, { id: 'sweep', repeat: { every: 1000 }, job: { name: 'sweep', data: {} } });
  // @ts-expect-error a scheduled job with a payload its name does not carry
  await producer.schedule(QUEUE, { id: 'sweep', repeat: { every: 1000 }, job: { name: 'route', data: {} } });
  // @ts-expect-error add keeps its typing
  await producer.add(QUEUE, 'route', { orgId: 'x' });
}

describe('QueueProducer typing', () => {
  it('is checked at compile time (see typedOnly)', () => {
    expect(typeof typedOnly).toBe('function');
  });
});
