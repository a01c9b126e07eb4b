import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@isac/config';
import { caseReadScope } from '@isac/auth';
import { ConsoleEventsService, EventsHttpModule, type ConsoleEvent, type RoomEvent } from '@isac/events';
import { ApiKeysService, NetworkSeeder } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { watchTimers } from '../support/timer-watch.js';

// the events connection's application_name: together with the suite's own database it names this test's connection only
const EVENTS_CONNECTION = 'isac-hub:api-events';

/** The live events' LISTEN connection is lost (its backend terminated): it comes back, tells the streams to refetch, and closes cleanly. */
describe('live events: the LISTEN connection survives its loss', () => {
  let env: TestEnv;
  let module: TestingModule | null = null;
  let db: DataSource;
  let orgs: Record<string, string>;
  const events: (ConsoleEvent | RoomEvent | { type: 'resync' })[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), EventsHttpModule] }).compile();
    await module.init();
    await module.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
    db = module.get(DataSource);
    const rows: { id: string; slug: string }[] = await db.query(`SELECT id, slug FROM organisations WHERE slug IN ('centre', 'energy')`);
    orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
    const keys = module.get(ApiKeysService);
    const principal = await keys.resolve((await keys.create('energy', ['analyst'])).key);
    module.get(ConsoleEventsService).subscribe({ orgId: orgs.energy, keyId: principal!.keyId, roles: principal!.roles, caseScope: caseReadScope(principal!), send: (event) => events.push(event), close: () => undefined });
  });
  afterAll(async () => {
    await module?.close();
    await env.dispose();
  });

  async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const listeners = (): Promise<{ pid: number; query: string }[]> =>
    db.query(`SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [EVENTS_CONNECTION]);

  async function terminateListener(): Promise<number> {
    const [listener, ...others] = await listeners();
    expect(others).toEqual([]);
    const [{ terminated }] = await db.query(`SELECT pg_terminate_backend($1) AS terminated`, [listener.pid]);
    expect(terminated).toBe(true);
    return listener.pid;
  }

  /** A new inbox entry for energy, as the router writes it: its insert trigger notifies the events channel. */
  async function deliverToEnergy(): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO advisories (kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids)
       VALUES ('advisory', $1, 'Reconnect check', 'Body.', 'low', 'TLP:CLEAR', '{}'::jsonb, ARRAY[$2]::uuid[]) RETURNING id`,
      [orgs.centre, orgs.energy],
    );
    await db.query(`INSERT INTO deliveries (advisory_id, org_id) VALUES ($1, $2)`, [id, orgs.energy]);
    return id;
  }

  const addedFor = (advisoryId: string) => events.some((e) => e.type === 'inbox' && e.advisoryId === advisoryId);

  it('hears a new entry while the connection holds', async () => {
    const advisoryId = await deliverToEnergy();
    await until('the entry event', () => addedFor(advisoryId));
  });

  it('after its backend is terminated, listens again, tells the streams to refetch, and hears the next entry', async () => {
    const lostPid = await terminateListener();
    const lostAt = Date.now();
    await until('a new LISTEN connection', async () => (await listeners()).some((l) => l.pid !== lostPid && /^LISTEN /.test(l.query)));
    // the reconnect waits its delay first (2 s), rather than hammering a database that is going away
    expect(Date.now() - lostAt).toBeGreaterThanOrEqual(1_500);
    await until('the resync event', () => events.some((e) => e.type === 'resync'));
    expect(events.filter((e) => e.type === 'resync')).toHaveLength(1);
    const advisoryId = await deliverToEnergy();
    await until('the entry event after the reconnect', () => addedFor(advisoryId));
  });

  it('closed while a reconnect is pending, leaves no timer and no connection behind', async () => {
    const timers = watchTimers(2_000); // the reconnect delay
    try {
      await terminateListener();
      await until('the lost connection to go', async () => (await listeners()).length === 0);
      // within the 2 s reconnect delay: the retry is pending
      const closing = module!;
      module = null;
      await closing.close();
      expect(await timers.pending()).toBe(0);
    } finally {
      timers.stop();
    }
    // past the delay, the retry must not have come back on its own
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await connectionsLeft()).toBe(0);
  });

  // the module's data source is closed by then: ask on a connection of our own
  async function connectionsLeft(): Promise<number> {
    const client = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`, [env.database, EVENTS_CONNECTION]);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }
});
