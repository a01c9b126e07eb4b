import { createDataSource } from '@isac/persistence';
import { currentManager, inTransaction, transactional, UnitOfWork } from '@isac/unit-of-work';
import type { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// The unit of work against the real PostgreSQL: what a repository writes inside `run` commits or
// rolls back with it, a `run` inside another joins it, and two runs in separate async contexts each
// have their own transaction (a repository never writes into another request's transaction).
describe('the unit of work', () => {
  let env: TestEnv;
  let db: DataSource;
  let units: UnitOfWork;

  /** As a repository writes: on the current manager, never handed one. */
  const write = (note: string) => currentManager(db).query(`INSERT INTO uow_probe (note) VALUES ($1)`, [note]);
  const notes = async (): Promise<string[]> => (await db.query(`SELECT note FROM uow_probe ORDER BY id`)).map((r: { note: string }) => r.note);
  /** The backend of the connection a statement runs on now, and the transaction it is in. */
  const session = async (): Promise<{ pid: number; xid: string }> => {
    const [row] = await currentManager(db).query(`SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid`);
    return row;
  };

  beforeAll(async () => {
    env = await createTestEnv({ migrated: false });
    db = await createDataSource(env.config).initialize();
    await db.query(`CREATE TABLE uow_probe (id serial PRIMARY KEY, note text NOT NULL)`);
    units = new UnitOfWork(db);
  });
  afterAll(async () => {
    await db.destroy();
    await env.dispose();
  });
  beforeEach(() => db.query(`TRUNCATE uow_probe`));

  it('commits what the repositories wrote when the work resolves', async () => {
    const answer = await units.run(async () => {
      await write('one');
      await write('two');
      // not visible outside before the commit
      expect(await db.query(`SELECT count(*)::int AS n FROM uow_probe`).then((r) => r[0].n)).toBe(0);
      return 42;
    });
    expect(answer).toBe(42);
    expect(await notes()).toEqual(['one', 'two']);
  });

  it('rolls every write back when the work throws, and passes the error on', async () => {
    await expect(
      units.run(async () => {
        await write('lost');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await notes()).toEqual([]);
  });

  it('outside a run, each statement runs on its own (no transaction to join)', async () => {
    expect(inTransaction(db)).toBe(false);
    expect(currentManager(db)).toBe(db.manager);
    await write('alone');
    expect(await notes()).toEqual(['alone']);
  });

  it('a run inside another joins it: one transaction, rolled back whole when the outer one throws', async () => {
    await expect(
      units.run(async () => {
        const outer = await session();
        await write('outer');
        const inner = await units.run(async () => {
          await write('inner');
          return session();
        });
        // a repository's own multi-statement write joins too
        const own = await transactional(db, async (manager) => {
          await manager.query(`INSERT INTO uow_probe (note) VALUES ('repository')`);
          return session();
        });
        expect(inner).toEqual(outer);
        expect(own).toEqual(outer);
        throw new Error('after the inner runs resolved');
      }),
    ).rejects.toThrow('after the inner runs resolved');
    expect(await notes()).toEqual([]);
  });

  it('two interleaved runs in separate async contexts never share a transaction: one commits, the other rolls back', async () => {
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    let secondDone!: () => void;
    const done = new Promise<void>((resolve) => (secondDone = resolve));
    const sessions: { pid: number; xid: string }[] = [];
    const first = units.run(async () => {
      await write('first');
      sessions.push(await session());
      firstWrote();
      // still open while the second runs, writes and commits
      await done;
      await write('first again');
      sessions.push(await session());
      throw new Error('first rolls back');
    });
    const second = units.run(async () => {
      await wrote;
      await write('second');
      sessions.push(await session());
    });
    await second;
    secondDone();
    await expect(first).rejects.toThrow('first rolls back');
    const [firstSession, secondSession, firstLater] = sessions;
    expect(secondSession.pid).not.toBe(firstSession.pid);
    expect(secondSession.xid).not.toBe(firstSession.xid);
    // the first run's later statements are still on its own transaction, not the second's
    expect(firstLater).toEqual(firstSession);
    expect(await notes()).toEqual(['second']);
  });

  it('a continuation that outlives its run (sent without waiting) runs on its own, not on the finished transaction', async () => {
    let later!: Promise<unknown>;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await units.run(async () => {
      await write('in the run');
      later = gate.then(() => write('after the commit'));
    });
    release();
    await later;
    expect(inTransaction(db)).toBe(false);
    expect(await notes()).toEqual(['in the run', 'after the commit']);
  });
});
