// GET /metrics when the shared state cannot be read (DESIGN §7): the scrape still answers, with the
// API's own metrics, and says so in isac_metrics_state_read_ok = 0 — for Redis gone, a PostgreSQL
// table that cannot be read, and one locked by someone else — and goes back to 1 once it can read.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';
import { REDIS_URL } from '../support/test-run.js';

/** The value of a series in Prometheus text whatever its labels (the first such line). */
function value(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(\{.*\})? (\S+)$/.exec(line);
    if (m?.[1] === name) return Number(m[3]);
  }
  return undefined;
}

/** A TCP relay to the suite's Redis that can be cut (every connection dropped, new ones refused) and mended. */
async function redisRelay() {
  const upstream = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const redis = connect(Number(upstream.port || 6379), upstream.hostname);
    for (const [a, b] of [[client, redis], [redis, client]] as const) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    mend() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('GET /metrics when the state cannot be read', () => {
  let hub: AdvisoryHub;
  let relay: Awaited<ReturnType<typeof redisRelay>>;
  let centre: string;
  const scrape = async () => (await hub.http.get('/metrics').set(bearer(centre)).timeout(8_000).expect(200)).text;
  /** a scrape that could not read the state: still 200, the HTTP metrics there, the gauge at 0 */
  const failedScrape = async () => {
    const text = await scrape();
    expect(value(text, 'isac_metrics_state_read_ok')).toBe(0);
    expect(text).toMatch(/^isac_http_requests_total\{[^}]*route="\/api\/v1\/me"[^}]*\} [1-9]/m);
    expect(value(text, 'isac_process_resident_memory_bytes')).toBeGreaterThan(0);
  };
  const readsAgain = () => hub.until('the state read again', async () => value(await scrape(), 'isac_metrics_state_read_ok') === 1);

  beforeAll(async () => {
    relay = await redisRelay();
    hub = await startAdvisoryHub({ worker: false, env: { REDIS_URL: relay.url } });
    centre = await hub.key('centre', ['admin']);
    await hub.http.get('/api/v1/me').set(bearer(centre)).expect(200);
  });
  afterAll(async () => {
    relay?.mend();
    await hub?.close();
    await relay?.close();
  });

  it('reads the state to begin with', async () => {
    expect(value(await scrape(), 'isac_metrics_state_read_ok')).toBe(1);
  });

  it('answers with 0 while Redis cannot be reached, and 1 once it can', async () => {
    relay.cut();
    try {
      await failedScrape();
    } finally {
      relay.mend();
    }
    await readsAgain();
  });

  it('answers with 0 while a table of the state cannot be read, and 1 once it can', async () => {
    await hub.db.query(`ALTER TABLE incident_cases RENAME TO incident_cases_away`);
    try {
      await failedScrape();
    } finally {
      await hub.db.query(`ALTER TABLE incident_cases_away RENAME TO incident_cases`);
    }
    await readsAgain();
  });

  it('answers with 0, in good time, while another session holds a table of the state locked, and 1 once it is free', async () => {
    // e.g. a migration or VACUUM FULL: the count waits for the lock as long as it is held
    const holder = hub.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`LOCK TABLE advisory_outbox IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      await failedScrape();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    await readsAgain();
  }, 30_000);
});
