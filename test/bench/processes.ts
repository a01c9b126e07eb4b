// The benchmarks' processes: the built apps (and the route bench's floor) spawned as deployed, with
// their CPU time read from /proc, and a free port on 127.0.0.1 for each.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GC_OBSERVER } from './gc-pauses.js';

type App = 'api' | 'worker' | 'floor';

/** Where a profiled app's V8 CPU profile is written (as it exits). */
export const profileFileOf = (dir: string, app: App) => path.join(dir, `${app}.cpuprofile`);

/**
 * A built app (dist/apps/<app>, or the floor beside this file) as its own process; `ready` waits for
 * its start line. With `gcLog`, the garbage collector's pauses are appended to that file (gc-pauses.ts).
 */
export function spawnApp(app: App, env: Record<string, string>, profile?: { dir: string; intervalUs: number }, gcLog?: string) {
  const profiling = profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profile.dir}`,
        `--cpu-prof-name=${path.basename(profileFileOf(profile.dir, app))}`,
        `--cpu-prof-interval=${profile.intervalUs}`,
      ]
    : [];
  const script = app === 'floor' ? new URL('./route-floor.js', import.meta.url) : new URL(`../../apps/${app}/src/main.js`, import.meta.url);
  const gc = gcLog === undefined ? [] : ['--import', GC_OBSERVER.href];
  const child = spawn(process.execPath, [...profiling, ...gc, fileURLToPath(script)], {
    env: gcLog === undefined ? env : { ...env, BENCH_GC_LOG: gcLog },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise((r) => child.once('exit', r));
  return {
    /** CPU seconds the process has used so far (Linux /proc; NaN elsewhere): on a shared machine, steadier than wall time */
    cpuSeconds(): number {
      const { user, system } = this.cpuTimes();
      return user + system;
    },
    /** user and system (kernel: syscalls, the loopback TCP stack) CPU seconds so far */
    cpuTimes(): { user: number; system: number } {
      try {
        return cpuTimesOf(readFileSync(`/proc/${child.pid}/stat`, 'utf8'));
      } catch {
        return { user: NaN, system: NaN };
      }
    },
    /** waits up to `seconds` for a line matching `pattern` on its stderr */
    async ready(pattern: RegExp, seconds = 10) {
      for (let i = 0; i < seconds * 20 && !pattern.test(output); i++) await new Promise((r) => setTimeout(r, 50));
      if (!pattern.test(output)) throw new Error(`${app} did not start:\n${output}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** user and system CPU seconds of a process, from its /proc/<pid>/stat line (utime, stime in USER_HZ: 100 on Linux) */
function cpuTimesOf(stat: string): { user: number; system: number } {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** CPU seconds used so far by every process of this name (Linux /proc; NaN elsewhere): PostgreSQL's backends, say. */
export function cpuSecondsOf(command: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== command) continue;
      const { user, system } = cpuTimesOf(stat);
      total += user + system;
    }
    return total;
  } catch {
    return NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
