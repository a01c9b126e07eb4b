import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@isac/config';
import { ApiKeysService, NetworkSeeder, OrganisationsModule } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { watchTimers } from '../support/timer-watch.js';

/** Two API replicas on one database: a key one of them has cached stops working when the other revokes it. */
describe('key revocation across replicas (cached principals)', () => {
  let env: TestEnv;
  const replicas: TestingModule[] = [];

  const replica = async () => {
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), OrganisationsModule] }).compile();
    await module.init();
    replicas.push(module);
    return module;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    const first = await replica();
    await first.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  });
  afterAll(async () => {
    for (const module of replicas) await module.close();
    await env.dispose();
  });

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    // a bound so that a broken propagation fails the test instead of hanging it
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  it('the revocation is announced with the key id when it commits', async () => {
    const [a] = replicas;
    const created = await a.get(ApiKeysService).create('energy', ['analyst']);
    const listener = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (m) => heard.push(`${m.channel}:${m.payload}`));
      await listener.query('LISTEN isac_api_key_revoked');
      await a.get(ApiKeysService).revoke(created.prefix);
      const [{ id }] = await a.get(DataSource).query(`SELECT id FROM api_keys WHERE prefix = $1`, [created.prefix]);
      await until('the notification', async () => heard.length > 0);
      expect(heard).toEqual([`isac_api_key_revoked:${id}`]);
    } finally {
      await listener.end();
    }
  });

  it('a key used (and cached) on one replica is refused there once another replica revokes it', async () => {
    const a = replicas[0];
    const b = await replica();
    const created = await b.get(ApiKeysService).create('health', ['analyst']);
    const onA = a.get(ApiKeysService);
    // used a few times on A: verified, then served from A's cache once its listener holds
    for (let i = 0; i < 5; i++) expect(await onA.resolve(created.key)).toMatchObject({ keyPrefix: created.prefix, organisation: { slug: 'health' } });
    await b.get(ApiKeysService).revoke(created.prefix);
    await until('replica A to refuse the revoked key', async () => (await onA.resolve(created.key)) === null);
    expect(await onA.resolve(created.key)).toBeNull();
    expect(await b.get(ApiKeysService).resolve(created.key)).toBeNull();
  });
});

/**
 * The revocation listener's connection is lost (its backend terminated): it listens again, trusts
 * no key it cached before (revocations may have been missed meanwhile), and closes cleanly.
 * Replica B only creates and revokes keys: it never authenticates, so never listens, and the one
 * listening connection in this suite's database is replica A's.
 */
describe('key revocation listener: the LISTEN connection survives its loss', () => {
  // the listener's application_name: with the suite's own database it names replica A's connection only
  const REVOCATIONS_CONNECTION = 'isac-hub:key-revocations';
  let env: TestEnv;
  let a: TestingModule | null = null;
  let b: TestingModule;
  // the test's own connection (a pool would keep idle timers of its own)
  let db: pg.Client;

  const replica = async () => {
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), OrganisationsModule] }).compile();
    return module.init();
  };

  beforeAll(async () => {
    env = await createTestEnv();
    b = await replica();
    await b.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
    db = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await db.connect();
    a = await replica();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.end();
    await env.dispose();
  });

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const listeners = async (): Promise<{ pid: number; query: string }[]> =>
    (await db.query(`SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [REVOCATIONS_CONNECTION])).rows;
  const listening = async (notPid?: number) => (await listeners()).some((l) => l.pid !== notPid && /^LISTEN /.test(l.query));

  async function terminateListener(): Promise<number> {
    const [listener, ...others] = await listeners();
    expect(others).toEqual([]);
    const { rows: [{ terminated }] } = await db.query(`SELECT pg_terminate_backend($1) AS terminated`, [listener.pid]);
    expect(terminated).toBe(true);
    return listener.pid;
  }

  /** A key used on A until A's listener holds and A serves it from its cache. */
  async function cachedOnA(org: string) {
    const created = await b.get(ApiKeysService).create(org, ['analyst']);
    expect(await a!.get(ApiKeysService).resolve(created.key)).toMatchObject({ keyPrefix: created.prefix });
    await until('A to listen', () => listening());
    expect(await a!.get(ApiKeysService).resolve(created.key)).toMatchObject({ keyPrefix: created.prefix });
    return created;
  }

  // as if its NOTIFY never reached A: the row changes, nobody is told
  const revokeUnannounced = (prefix: string) => db.query(`UPDATE api_keys SET revoked_at = now() WHERE prefix = $1`, [prefix]);

  it('after its backend is terminated, listens again and hears the next revocation', async () => {
    await cachedOnA('energy');
    const lostPid = await terminateListener();
    const lostAt = Date.now();
    await until('a new LISTEN connection', () => listening(lostPid));
    // the reconnect waits its delay first (1 s)
    expect(Date.now() - lostAt).toBeGreaterThanOrEqual(700);

    // A trusts its cache again: a key revoked behind its back is still served from there ...
    const unannounced = await cachedOnA('health');
    await revokeUnannounced(unannounced.prefix);
    expect(await a!.get(ApiKeysService).resolve(unannounced.key)).toMatchObject({ keyPrefix: unannounced.prefix });
    // ... so it refusing an announced revocation within a moment (not the 5 s freshness bound) is the notification heard
    const announced = await cachedOnA('telecom');
    await b.get(ApiKeysService).revoke(announced.prefix);
    await until('A to refuse the key revoked on B', async () => (await a!.get(ApiKeysService).resolve(announced.key)) === null, 1_500);
  });

  it('trusts no key cached before the connection was lost: a revocation may have been missed meanwhile', async () => {
    const created = await cachedOnA('litware');
    const lostPid = await terminateListener();
    await revokeUnannounced(created.prefix);
    await until('a new LISTEN connection', () => listening(lostPid));
    expect(await a!.get(ApiKeysService).resolve(created.key)).toBeNull();
  });

  it('closed while a reconnect is pending, leaves no timer and no connection behind', async () => {
    await cachedOnA('transport');
    const timers = watchTimers(1_000); // the reconnect delay
    try {
      await terminateListener();
      await until('the lost connection to go', async () => (await listeners()).length === 0);
      // within the 1 s reconnect delay: the retry is pending
      const closing = a!;
      a = null;
      await closing.close();
      expect(await timers.pending()).toBe(0);
    } finally {
      timers.stop();
    }
    // past the delay, the retry must not have come back on its own
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await listeners()).toEqual([]);
  });
});
