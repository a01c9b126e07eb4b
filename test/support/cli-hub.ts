// A live hub for the CLI's end-to-end tests: the built API and worker as processes on the suite's
// own database and Redis prefix, keys made with the admin CLI, and a runner for the built `isac`
// that gives each user a config directory of their own.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { built, freePort, runToEnd, start, type Running } from './processes.js';
import { createTestEnv, type TestEnv } from './test-env.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliUser {
  /** XDG_CONFIG_HOME of this user: credentials land in <configHome>/isac/credentials.json */
  configHome: string;
  run(args: string[], options?: { stdin?: string; env?: Record<string, string> }): Promise<CliResult>;
  start(args: string[]): Running;
}

export interface LiveHub {
  env: TestEnv;
  url: string;
  /** a key made with `isac keys create` */
  key(org: string, roles: string[]): Promise<string>;
  user(): Promise<CliUser>;
  close(): Promise<void>;
}

export async function startLiveHub(): Promise<LiveHub> {
  const env = await createTestEnv();
  // the journeys build their own registers: config/network.yaml's examples would only be in the way
  const vars = { DATABASE_URL: env.config.DATABASE_URL, REDIS_URL: env.config.REDIS_URL, REDIS_PREFIX: env.config.REDIS_PREFIX, LOG_LEVEL: 'warn', HOST: '127.0.0.1', SEED_EXAMPLE_REGISTERS: 'false' };
  const setup = await runToEnd(built('cli'), ['db', 'setup'], vars);
  if (setup.code !== 0) throw new Error(`db setup failed: ${setup.stderr}`);
  const port = await freePort();
  const api = start(built('api'), [], { ...vars, LOG_LEVEL: 'info', PORT: String(port) });
  const worker = start(built('worker'), [], { ...vars, LOG_LEVEL: 'info' });
  await Promise.all([api.waitFor(/API listening on/, 30_000), worker.waitFor(/worker ready/, 30_000)]);
  const homes: string[] = [];
  const url = `http://127.0.0.1:${port}`;

  const user = async (): Promise<CliUser> => {
    const home = await mkdtemp(path.join(tmpdir(), 'isac-cli-user-'));
    homes.push(home);
    const configHome = path.join(home, 'config');
    // no DATABASE_URL: the user commands must get by with the hub alone
    const base = { HOME: home, XDG_CONFIG_HOME: configHome };
    return {
      configHome,
      run: (args, options = {}) => runCli(args, { ...base, ...options.env }, options.stdin),
      start: (args) => start(built('cli'), args, base),
    };
  };

  return {
    env,
    url,
    key: async (org, roles) => {
      const created = await runToEnd(built('cli'), ['keys', 'create', '--org', org, '--roles', roles.join(',')], vars);
      if (created.code !== 0) throw new Error(`keys create failed: ${created.stderr}`);
      return created.stdout.trim();
    },
    user,
    close: async () => {
      for (const child of [api, worker]) child.child.kill('SIGTERM');
      await Promise.all([api.exited(30_000), worker.exited(30_000)]);
      await Promise.all(homes.map((h) => rm(h, { recursive: true, force: true })));
      await env.dispose();
    },
  };
}

/** The built `isac` to its end, with stdin given (or closed). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const child = spawn(process.execPath, [built('cli'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin ?? '');
  // 'close', not 'exit': the pipes may still hold output when the process has exited
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
