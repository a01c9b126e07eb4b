import { currentManager, UnitOfWork } from '@isac/unit-of-work';
import type { DataSource } from 'typeorm';

/**
 * Two units of work interleaved in one fixed order: `first` runs in a unit of work whose transaction
 * stays open after it; `second` then runs in another until it has finished or its connection waits on a lock;
 * then the first commits. `waited` says which.
 */
export async function whileFirstOpen<T>(db: DataSource, first: () => Promise<unknown>, second: () => Promise<T>): Promise<{ result: T; waited: boolean }> {
  let commitFirst!: () => void;
  const open = new Promise<void>((resolve) => (commitFirst = resolve));
  let firstWritten!: () => void;
  const written = new Promise<void>((resolve) => (firstWritten = resolve));
  const units = new UnitOfWork(db);
  const firstTx = units.run(async () => {
    await first();
    firstWritten();
    await open;
  });
  await Promise.race([written, firstTx]);

  let pid: number | undefined;
  let secondDone = false;
  const secondTx = units
    .run(async () => {
      [{ pid }] = await currentManager(db).query(`SELECT pg_backend_pid() AS pid`);
      return second();
    })
    .finally(() => (secondDone = true));
  const waiting = async () => pid !== undefined && (await db.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]))[0]?.wait_event_type === 'Lock';
  const started = Date.now();
  while (!secondDone && !(await waiting())) {
    if (Date.now() - started > 10_000) throw new Error('the second transaction neither finished nor waited on a lock');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const waited = !secondDone;
  commitFirst();
  await firstTx;
  return { result: await secondTx, waited };
}
