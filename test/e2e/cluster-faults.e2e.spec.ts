import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { call, cluster, clusterUp, describeGap, privatePostgres, publishDuring, sleep, type Cluster, type Publishing } from '../support/cluster.js';
import { built, runToEnd } from '../support/processes.js';

/**
 * The faults of the cluster (npm run cluster) beyond the SIGKILLs of cluster.e2e.spec.ts, against a
 * PostgreSQL cluster of the test's own: PostgreSQL restarted, a worker stopped (SIGSTOP) and resumed,
 * the console's event stream across the loss of its API. Every advisory the balancer accepted
 * reaches energy's inbox exactly once and its webhook at least once, always with the same delivery id.
 */
const secret = 'cluster-faults-webhook-secret';

describe('the cluster under faults (PostgreSQL restart, a worker stopped, the event stream across replicas)', () => {
  let postgres: Awaited<ReturnType<typeof privatePostgres>>;
  let up: Cluster | undefined;
  let vars: Record<string, string>;
  let db: pg.Pool;
  let receiver: Server;
  let ca: Buffer;
  let base: URL;
  const keys: Record<'author' | 'reader', string> = { author: '', reader: '' };
  // webhook pushes received, by delivery id
  const pushes = new Map<string, number>();
  const unsigned: string[] = [];
  // pushes arriving before this instant are answered only after 4 s (within WEBHOOK_TIMEOUT_MS): their jobs are in flight
  let holdUntil = 0;

  beforeAll(async () => {
    postgres = await privatePostgres();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-isac-signature'] ?? ''));
        const { deliveryId } = JSON.parse(raw) as { deliveryId: string };
        if (!m || createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest('hex') !== m[2]) unsigned.push(deliveryId);
        pushes.set(deliveryId, (pushes.get(deliveryId) ?? 0) + 1);
        if (Date.now() < holdUntil) setTimeout(() => res.writeHead(204).end(), 4000);
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    ({ up, vars } = await clusterUp({ DATABASE_URL: postgres.url, REDIS_PREFIX: `isac-faults-${process.pid}`, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_BACKOFF_MS: '500', LOG_LEVEL: 'warn', QUEUE_LOCK_MS: '5000' }));
    // a pool: its connections die with the restart and are made again
    db = new pg.Pool({ connectionString: postgres.url, max: 2 });
    db.on('error', () => undefined);
    ca = readFileSync(up.ca);
    base = new URL(up.url);
    const key = async (org: string, roles: string) =>
      (await runToEnd(built('cli'), ['keys', 'create', '--org', org, '--roles', roles], { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn' })).stdout.trim();
    keys.author = await key('centre', 'analyst');
    keys.reader = await key('energy', 'analyst');
    const hook = await call(base, ca, await key('energy', 'admin'), 'PUT', '/api/v1/organisations/energy/webhook', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret });
    expect(hook.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    for (const s of opened) s.close();
    if (up) await cluster('down', vars);
    await db?.end();
    await postgres?.stop();
    receiver?.closeAllConnections();
    receiver?.close();
  }, 60_000);

  /** Every accepted advisory in energy's inbox once and pushed to its webhook at least once with its own id; the time to drain. */
  async function drained({ accepted }: Publishing, timeoutMs: number): Promise<number> {
    const started = Date.now();
    let rows: { advisory_id: string; n: number }[] = [];
    for (;;) {
      rows = (
        await db.query(
          `SELECT d.advisory_id, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'energy' AND d.advisory_id = ANY($1) GROUP BY d.advisory_id`,
          [accepted],
        )
      ).rows;
      const pushed = accepted.every((id) => pushes.has(id));
      if ((rows.length === accepted.length && pushed) || Date.now() - started > timeoutMs) break;
      await sleep(200);
    }
    const drainedMs = Date.now() - started;
    expect(rows.length).toBe(accepted.length);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(accepted.filter((id) => !pushes.has(id))).toEqual([]);
    // a push's delivery id is the advisory's: a retried one carries the same, and none names anything else
    // (an advisory whose answer was lost with a killed API may still have been accepted: it is in the inbox too)
    const inInbox = new Set(
      (await db.query(`SELECT d.advisory_id FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'energy' AND d.advisory_id = ANY($1)`, [[...pushes.keys()]])).rows.map(
        (r: { advisory_id: string }) => r.advisory_id,
      ),
    );
    expect([...pushes.keys()].filter((id) => !inInbox.has(id))).toEqual([]);
    expect(unsigned).toEqual([]);
    return drainedMs;
  }
  const retried = (accepted: string[]) => accepted.filter((id) => (pushes.get(id) ?? 0) > 1).length;

  let restartedAt = 0;
  let restartMs = 0;
  it('restarts PostgreSQL under load: refuses with 503 SERVICE.UNAVAILABLE meanwhile, loses nothing it accepted', async () => {
    const published = await publishDuring(base, ca, keys.author, 'pg restart', async () => {
      await sleep(2000);
      restartedAt = Date.now();
      await postgres.restart(0);
      restartMs = Date.now() - restartedAt;
      await sleep(2000);
      // and a longer outage: stopped for 3 s before it starts again
      await postgres.restart(3000);
      await sleep(4000);
    });
    expect(published.accepted.length).toBeGreaterThan(30);
    // while the database is away the API answers 503 with Retry-After, never 500
    expect(published.refused.filter((r) => r.status === 500 || (r.status === 503 && r.code && (r.code !== 'SERVICE.UNAVAILABLE' || !r.retryAfter)))).toEqual([]);
    const drainedMs = await drained(published, 60_000);
    console.info(`PostgreSQL restarted (pg_ctl restart -m fast took ${restartMs} ms), then stopped for 3 s: ${describeGap(published)}; drained ${drainedMs} ms after publishing stopped, ${retried(published.accepted)} webhooks pushed more than once`);
  }, 120_000);

  it('stops a worker (SIGSTOP) for 30 s and resumes it: every job is finished, none with effect twice', async () => {
    const worker = up!.workers[0];
    const published = await publishDuring(base, ca, keys.author, 'worker stopped', async () => {
      // both workers hold webhook pushes when the first is stopped: its jobs stall and are taken over
      holdUntil = Date.now() + 2000;
      await sleep(1000);
      process.kill(worker, 'SIGSTOP');
      try {
        await sleep(30_000);
      } finally {
        process.kill(worker, 'SIGCONT');
      }
      await sleep(2000);
    });
    expect(published.refused).toEqual([]);
    // a stopped worker's hold on its running pushes lapses after QUEUE_LOCK_MS (5 s here), and the
    // other worker's stalled-job check takes them over: pushed again, with the same delivery id
    const drainedMs = await drained(published, 90_000);
    expect(retried(published.accepted)).toBeGreaterThan(0);
    console.info(`worker stopped 30 s: ${describeGap(published)}; drained ${drainedMs} ms after publishing stopped, ${retried(published.accepted)} webhooks pushed more than once (same delivery id)`);
  }, 180_000);

  it("keeps the console's event stream across the loss of its API: reconnected through the balancer, it misses no inbox entry", async () => {
    // two streams: the balancer deals them to both APIs (round robin), so one is on the API killed
    const streams = [openStream(base, ca, keys.reader), openStream(base, ca, keys.reader)];
    for (let i = 0; i < 50 && !streams.every((s) => s.readies > 0); i++) await sleep(100);
    expect(streams.map((s) => s.readies)).toEqual([1, 1]);
    const published = await publishDuring(base, ca, keys.author, 'stream', async () => {
      await sleep(2000);
      process.kill(up!.api[0], 'SIGKILL');
      await sleep(5000);
    });
    try {
      await drained(published, 60_000);
      for (let i = 0; i < 100 && !streams.every((s) => published.accepted.every((id) => s.seen.has(id))); i++) await sleep(100);
    } finally {
      for (const s of streams) s.close();
    }
    // one stream lost its API and came back through the balancer (a new `ready`), the other stayed
    expect(streams.map((s) => s.readies).sort()).toEqual([1, 2]);
    for (const s of streams) expect(published.accepted.filter((id) => !s.seen.has(id))).toEqual([]);
    const moved = streams.find((s) => s.readies === 2)!;
    console.info(`event stream: ${describeGap(published)}; the stream of the killed API was back after ${moved.gaps[0]} ms, ${moved.live} entries heard live, the rest read again after its ready; ${[...pushes.values()].filter((n) => n > 1).length} webhooks pushed more than once in all (same delivery id)`);
  }, 120_000);
});

/**
 * What the console does (libs/console/public/js/live.js): reads the stream, reconnects after it
 * ends, and after each `ready` reads the inbox again, since a gap may have lost events.
 */
function openStream(base: URL, ca: Buffer, key: string) {
  const state = { readies: 0, live: 0, seen: new Set<string>(), gaps: [] as number[], closed: false, close: () => undefined as void };
  let lostAt = 0;
  const reread = async () => {
    let cursor: string | null = null;
    do {
      const page = await call(base, ca, key, 'GET', `/api/v1/inbox${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (page.status !== 200) return;
      for (const entry of page.json.entries as { id: string }[]) state.seen.add(entry.id);
      cursor = page.json.next;
    } while (cursor);
  };
  const connect = () => {
    if (state.closed) return;
    const req = request({ host: base.hostname, port: base.port, path: '/api/v1/events', ca, headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type === 'ready') {
            state.readies++;
            if (lostAt) state.gaps.push(Date.now() - lostAt);
            lostAt = 0;
            void reread();
          } else if (type === 'inbox' && data) {
            state.live++;
            state.seen.add((JSON.parse(data) as { advisoryId: string }).advisoryId);
          } else if (type === 'resync') void reread();
        }
      });
      res.on('end', again);
      res.on('error', again);
    });
    req.on('error', again);
    req.end();
    state.close = () => {
      state.closed = true;
      req.destroy();
    };
  };
  let retrying = false;
  function again() {
    if (retrying || state.closed) return;
    retrying = true;
    lostAt ||= Date.now();
    setTimeout(() => ((retrying = false), connect()), 500);
  }
  connect();
  opened.push(state);
  return state;
}
const opened: { close(): void }[] = [];
