import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import pg from 'pg';
import { advisoryRequest } from '../factories/advisories.js';
import { built, runToEnd } from '../support/processes.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

/**
 * `npm run cluster`: 2 APIs and 2 workers behind HAProxy (TLS), Redis primary + replica + 3
 * Sentinels, on this machine. While advisories are published through the balancer at a steady
 * rate, one API, one worker and the Redis primary are killed (SIGKILL): every advisory the
 * balancer accepted (2xx) reaches its recipient's inbox exactly once.
 */
interface Cluster {
  url: string;
  ca: string;
  redis: { sentinels: [string, number][]; name: string };
  api: number[];
  workers: number[];
}

const script = path.resolve('ops/cluster.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cluster(command: 'up' | 'down' | 'status', env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function post(base: URL, ca: Buffer, key: string, pathname: string, body: object): Promise<{ status: number; json: any }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      { host: base.hostname, port: base.port, path: pathname, method: 'POST', ca, timeout: 10_000, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: any = null;
          try {
            json = JSON.parse(text);
          } catch {
            // the balancer's own error pages are HTML
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, json: null }));
    req.end(payload);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the hub as a cluster (npm run cluster)', () => {
  let env: TestEnv;
  let vars: Record<string, string>;
  let up: Cluster | undefined;
  let db: pg.Client;
  const query = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

  beforeAll(async () => {
    env = await createTestEnv();
    db = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await db.connect();
    // a base port of its own (the script refuses one whose ports are taken: try another)
    for (let attempt = 0; attempt < 5 && !up; attempt++) {
      const base = 30_000 + Math.floor(Math.random() * 300) * 100;
      vars = { CLUSTER_BASE_PORT: String(base), DATABASE_URL: env.config.DATABASE_URL, REDIS_PREFIX: env.config.REDIS_PREFIX };
      const started = await cluster('up', vars);
      if (started.code === 0) up = JSON.parse(started.stdout.trim().split('\n').pop()!) as Cluster;
      else if (!/is taken/.test(started.stderr)) throw new Error(`cluster up failed:\n${started.stderr}`);
    }
  }, 180_000);

  afterAll(async () => {
    if (up) await cluster('down', vars);
    await db?.end();
    await env.dispose();
  }, 60_000);

  it('survives the loss of an API, a worker and the Redis primary without losing an accepted advisory', async () => {
    expect(up).toMatchObject({ url: expect.stringMatching(/^https:\/\/localhost:\d+$/), api: [expect.any(Number), expect.any(Number)], workers: [expect.any(Number), expect.any(Number)] });
    expect(up!.redis.sentinels).toHaveLength(3);
    const c = up!;
    const ca = readFileSync(c.ca);
    const base = new URL(c.url);
    const key = (await runToEnd(built('cli'), ['keys', 'create', '--org', 'centre', '--roles', 'analyst'], { DATABASE_URL: env.config.DATABASE_URL, LOG_LEVEL: 'warn' })).stdout.trim();

    const accepted: string[] = [];
    const refused: { at: number; status: number }[] = [];
    let publishing = true;
    const started = Date.now();
    const publisher = (async () => {
      for (let i = 0; publishing; i++) {
        const res = await post(base, ca, key, '/api/v1/advisories', advisoryRequest({ title: `cluster ${i}`, tlp: 'TLP:GREEN', audience: { organisations: ['energy'] } }));
        if (res.status === 201) accepted.push(res.json.id);
        else refused.push({ at: Date.now() - started, status: res.status });
        await sleep(50); // about 15 advisories a second
      }
    })();

    await sleep(2000);
    process.kill(c.api[0], 'SIGKILL');
    await sleep(3000);
    process.kill(c.workers[0], 'SIGKILL');
    await sleep(3000);
    // the Redis primary: the sentinels promote the replica
    const status = JSON.parse((await cluster('status', vars)).stdout) as { processes: { name: string; pid: number }[]; redisPrimaryPort: number };
    process.kill(status.processes.find((p) => p.name === 'redis-primary')!.pid, 'SIGKILL');
    const primaryBefore = status.redisPrimaryPort;
    let primaryAfter = primaryBefore;
    for (let i = 0; i < 100 && primaryAfter === primaryBefore; i++) {
      await sleep(300);
      primaryAfter = (JSON.parse((await cluster('status', vars)).stdout) as { redisPrimaryPort: number }).redisPrimaryPort;
    }
    expect(primaryAfter).not.toBe(primaryBefore);
    await sleep(3000);
    publishing = false;
    await publisher;

    // every accepted advisory in energy's inbox, once
    const expected = new Set(accepted);
    let rows: { advisory_id: string; n: number }[] = [];
    const drainStarted = Date.now();
    for (let i = 0; i < 300; i++) {
      rows = await query(
        `SELECT d.advisory_id, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'energy' AND d.advisory_id = ANY($1) GROUP BY d.advisory_id`,
        [accepted],
      );
      if (rows.length === expected.size) break;
      await sleep(200);
    }
    const drainedMs = Date.now() - drainStarted;
    expect(rows.length).toBe(expected.size);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(accepted.length).toBeGreaterThan(50);
    const gap = refused.length ? `${refused.length} refused between ${refused[0].at} and ${refused[refused.length - 1].at} ms (${[...new Set(refused.map((r) => r.status))].join(', ')})` : 'none refused';
    console.info(`cluster faults: ${accepted.length} advisories accepted, ${gap}; every accepted one in the inbox once, drained ${drainedMs} ms after publishing stopped`);
  }, 180_000);

  it('down stops every process it started and nothing else', async () => {
    const status = JSON.parse((await cluster('status', vars)).stdout) as { processes: { pid: number }[] };
    const down = await cluster('down', vars);
    expect(down.code).toBe(0);
    up = undefined;
    expect(status.processes.filter((p) => alive(p.pid))).toEqual([]);
    // the shared services of every other suite still answer
    expect((await query('SELECT 1 AS one'))[0].one).toBe(1);
  }, 60_000);
});
