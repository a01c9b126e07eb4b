// Driving `npm run cluster` (ops/cluster.mjs) from a test: up/down/status, requests through its
// TLS balancer, a publisher at a steady rate, and a private PostgreSQL cluster on its own port.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { advisoryRequest } from '../factories/advisories.js';
import { freePort } from './processes.js';

export interface Cluster {
  url: string;
  ca: string;
  redis: { sentinels: [string, number][]; name: string };
  api: number[];
  workers: number[];
}

const script = path.resolve('ops/cluster.mjs');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function cluster(command: 'up' | 'down' | 'status', env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `up` on a free base port (the script refuses one whose ports are taken: try another). */
export async function clusterUp(env: Record<string, string>): Promise<{ up: Cluster; vars: Record<string, string> }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // below Linux's ephemeral ports (32768 and up), which a connection may take between the check and the bind
    const vars = { ...env, CLUSTER_BASE_PORT: String(20_000 + Math.floor(Math.random() * 120) * 100) };
    const started = await cluster('up', vars);
    if (started.code === 0) return { up: JSON.parse(started.stdout.trim().split('\n').pop()!) as Cluster, vars };
    if (!/is taken/.test(started.stderr)) throw new Error(`cluster up failed:\n${started.stderr}`);
  }
  throw new Error('cluster up: no free base port in 5 tries');
}

/** One request through the balancer; status 0 when the connection failed or timed out. */
export function call(base: URL, ca: Buffer, key: string, method: string, pathname: string, body?: object): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const payload = body ? JSON.stringify(body) : '';
    const headers: Record<string, string | number> = { authorization: `Bearer ${key}` };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const req = request({ host: base.hostname, port: base.port, path: pathname, method, ca, timeout: 10_000, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json: any = null;
        try {
          json = JSON.parse(text);
        } catch {
          // the balancer's own error pages are HTML
        }
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, json: null, headers: {} }));
    req.end(payload);
  });
}

export interface Publishing {
  accepted: string[];
  refused: { at: number; status: number; code?: string; retryAfter?: unknown }[];
}

/** Publishes advisories to energy about 15 a second while `fault` runs, then stops. */
export async function publishDuring(base: URL, ca: Buffer, key: string, label: string, fault: () => Promise<void>): Promise<Publishing> {
  const result: Publishing = { accepted: [], refused: [] };
  let publishing = true;
  const started = Date.now();
  const publisher = (async () => {
    for (let i = 0; publishing; i++) {
      const res = await call(base, ca, key, 'POST', '/api/v1/advisories', advisoryRequest({ title: `${label} ${i}`, tlp: 'TLP:GREEN', audience: { organisations: ['energy'] } }));
      if (res.status === 201) result.accepted.push(res.json.id);
      else result.refused.push({ at: Date.now() - started, status: res.status, code: res.json?.code, retryAfter: res.headers['retry-after'] });
      await sleep(50);
    }
  })();
  try {
    await fault();
  } finally {
    publishing = false;
    await publisher;
  }
  return result;
}

export function describeGap({ accepted, refused }: Publishing): string {
  if (!refused.length) return `${accepted.length} accepted, none refused`;
  const kinds = [...new Set(refused.map((r) => (r.code ? `${r.status} ${r.code}` : String(r.status))))].join(', ');
  // the refusals as windows (a pause over 1 s between two starts a new one)
  const windows: [number, number][] = [];
  for (const { at } of refused) {
    const last = windows[windows.length - 1];
    if (last && at - last[1] <= 1000) last[1] = at;
    else windows.push([at, at]);
  }
  return `${accepted.length} accepted, ${refused.length} refused in ${windows.map(([a, b]) => `${a}–${b} ms`).join(', ')} (${kinds})`;
}

const pgBin = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the test's own (initdb into a temporary directory, trust, its own port): never the shared server. */
export async function privatePostgres(): Promise<{ url: string; restart(outageMs: number): Promise<void>; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'isac-pg-'));
  const data = path.join(dir, 'data');
  // never synchronous: the test's publisher keeps publishing while PostgreSQL goes down and up
  const asPostgres = async (file: string, args: string[]) => {
    const [command, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    await promisify(execFile)(command, argv, { timeout: 60_000 });
  };
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const port = await freePort();
  await asPostgres(path.join(pgBin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) => asPostgres(path.join(pgBin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', ...args]);
  await ctl('-o', options, 'start');
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE isac');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/isac`,
    /** `pg_ctl restart -m fast` when outageMs is 0; else stopped (fast), down for outageMs, started */
    restart: async (outageMs) => {
      if (!outageMs) return void (await ctl('-m', 'fast', '-o', options, 'restart'));
      await ctl('-m', 'fast', 'stop');
      await new Promise((r) => setTimeout(r, outageMs));
      await ctl('-o', options, 'start');
    },
    stop: async () => {
      try {
        await ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
