import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { freePort, type Running } from '../support/processes.js';

/**
 * `npm start` as a person or a process manager stops it: SIGTERM to npm itself, and npm killed
 * outright. Either way nothing of the hub may stay running. `--ignore-scripts` skips prestart
 * (services and build: the suites run on the built dist/ and the services pretest started).
 */

/** pids of the processes whose environment carries this run's Redis prefix: the hub's, nobody else's */
function hubPids(prefix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`REDIS_PREFIX=${prefix}`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

async function noHubWithin(prefix: string, ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  let left = hubPids(prefix);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = hubPids(prefix);
  }
  return left;
}

function npmStart(env: Record<string, string>): Running {
  const child = spawn('npm', ['start', '--ignore-scripts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (pattern.test(output)) (clearInterval(poll), resolve());
          else if (Date.now() - started > timeoutMs || child.exitCode !== null) (clearInterval(poll), reject(new Error(`no ${pattern} in output:\n${output}`)));
        }, 50);
      }),
    exited: (timeoutMs = 15_000) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`npm still running after ${timeoutMs} ms:\n${output}`)), timeoutMs)));
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
  };
}

describe('npm start', () => {
  let env: TestEnv;
  const prefixes: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    // whatever a failing case left running is ended by its own pid
    for (const prefix of prefixes) for (const pid of hubPids(prefix)) process.kill(pid, 'SIGKILL');
    await env.dispose();
  });

  async function startHub(): Promise<{ hub: Running; prefix: string; port: number }> {
    const prefix = `${env.config.REDIS_PREFIX}-${prefixes.length}`;
    prefixes.push(prefix);
    const port = await freePort();
    const hub = npmStart({
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    await hub.waitFor(/API listening on/);
    await hub.waitFor(/worker ready: queues/);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    return { hub, prefix, port };
  }

  it('SIGTERM to npm stops the API and the worker cleanly before npm exits', async () => {
    const { hub, prefix, port } = await startHub();
    // rough edge 11: the start banner and the API's own line name the console at /
    expect(hub.output()).toContain(`  console    http://localhost:${port}/   (paste a key to sign in)`);
    expect(hub.output()).toMatch(new RegExp(`API listening on http://127\\.0\\.0\\.1:${port} \\(console: http://127\\.0\\.0\\.1:${port}/, docs: http://127\\.0\\.0\\.1:${port}/docs\\)`));
    hub.child.kill('SIGTERM');
    const exit = await hub.exited();
    // npm waited for the hub: nothing of it is left the moment npm is gone
    expect(hubPids(prefix)).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(hub.output()).toContain('isac-hub: SIGTERM received, stopping api and worker');
    expect(hub.output()).toContain('queues drained and closed');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('npm killed outright still takes the API and the worker down', async () => {
    const { hub, prefix } = await startHub();
    hub.child.kill('SIGKILL');
    await hub.exited();
    expect(await noHubWithin(prefix, 10_000)).toEqual([]);
  });
});
