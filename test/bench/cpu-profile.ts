// Summarises a V8 .cpuprofile (written by `node --cpu-prof`, as `bench route --profile <dir>` does for
// the API and the worker): CPU time by self time and by inclusive time, per function and per module
// (an npm package, one of our libs/apps, Node's internals), optionally within a window of the run so
// that start-up is left out. Run alone: `node dist/test/bench/cpu-profile.js <file.cpuprofile> [top]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** now on the monotonic clock V8 stamps its profile samples with (process.hrtime on Linux), in microseconds: a window's ends */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export interface ProfileWindow {
  /** microseconds on the monotonic clock V8 stamps samples with (process.hrtime on Linux) */
  fromUs?: number;
  toUs?: number;
}

/**
 * Counted in samples, not in the time between them: V8 samples the main thread on a wall clock, and
 * on a loaded machine a thread that lost its core (typically in a syscall that woke PostgreSQL or
 * Redis) shows up as one sample with a long gap. Each sample stands for about one interval of CPU.
 */
export interface ProfileSummary {
  /** samples in the window, idle excluded */
  busy: number;
  idle: number;
  /** wall time of the busy samples (the gaps before the next), in ms: above CPU time on a loaded machine */
  busyWallMs: number;
  byModuleSelf: [string, number][];
  byModuleInclusive: [string, number][];
  byFunctionSelf: [string, number][];
  byFunctionInclusive: [string, number][];
}

/** `express`, `@nestjs/core`, `libs/auth`, `node:internal`, `(garbage collector)`… */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const own = /\/(?:dist\/)?((?:libs|apps)\/[^/]+|test\/[^/]+)\//.exec(file);
  return own ? own[1] : path.basename(file);
}

function functionOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf('/node_modules/');
  const short = nm >= 0 ? file.slice(nm + '/node_modules/'.length) : file.replace(/^.*\/dist\//, '');
  return `${name} ${short}:${lineNumber + 1}`;
}

export function summariseProfile(file: string, window: ProfileWindow = {}): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const moduleOfNode = new Map(profile.nodes.map((n) => [n.id, moduleOf(n.callFrame.url, n.callFrame.functionName)]));
  const functionOfNode = new Map(profile.nodes.map((n) => [n.id, functionOf(n)]));
  // each node's stack, as the distinct modules and functions on it: recursion is counted once per sample
  const stacks = new Map<number, { modules: string[]; functions: string[] }>();
  const stackOf = (id: number) => {
    let stack = stacks.get(id);
    if (stack) return stack;
    const modules = new Set<string>();
    const functions = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.functionName === '(root)') continue;
      modules.add(moduleOfNode.get(at)!);
      functions.add(functionOfNode.get(at)!);
    }
    stack = { modules: [...modules], functions: [...functions] };
    stacks.set(id, stack);
    return stack;
  };
  const moduleSelf = new Map<string, number>();
  const moduleInclusive = new Map<string, number>();
  const functionSelf = new Map<string, number>();
  const functionInclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let busy = 0;
  let idle = 0;
  let busyWall = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    // a sample's time is the gap to the next one
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (window.fromUs !== undefined && at < window.fromUs) continue;
    if (window.toUs !== undefined && at > window.toUs) break;
    const id = profile.samples[i];
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') {
      idle++;
      continue;
    }
    busy++;
    busyWall += us;
    add(moduleSelf, moduleOfNode.get(id)!, 1);
    add(functionSelf, functionOfNode.get(id)!, 1);
    const stack = stackOf(id);
    for (const m of stack.modules) add(moduleInclusive, m, 1);
    for (const f of stack.functions) add(functionInclusive, f, 1);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    busy,
    idle,
    busyWallMs: busyWall / 1000,
    byModuleSelf: sorted(moduleSelf),
    byModuleInclusive: sorted(moduleInclusive),
    byFunctionSelf: sorted(functionSelf),
    byFunctionInclusive: sorted(functionInclusive),
  };
}

/**
 * The summary as text: each line's share of the busy samples and, with `cpuMs` (the process's CPU
 * time measured over the same window, e.g. per advisory), that share of it. The process's CPU also
 * counts its other threads (GC helpers, the thread pool) and the kernel's work for its sockets.
 */
export function describeProfile(summary: ProfileSummary, { top = 25, cpuMs, unit = 'ms' }: { top?: number; cpuMs?: number; unit?: string } = {}): string {
  const lines: string[] = [];
  const busy = summary.busy;
  const row = ([name, n]: [string, number]) =>
    `    ${((n / busy) * 100).toFixed(1).padStart(5)} %${cpuMs === undefined ? '' : `  ${((n / busy) * cpuMs).toFixed(3).padStart(7)} ${unit}`}  ${name}`;
  lines.push(
    `  ${busy} busy samples, ${summary.idle} idle; busy wall time ${summary.busyWallMs.toFixed(0)} ms${cpuMs === undefined ? '' : `; process CPU ${cpuMs.toFixed(3)} ${unit}`}`,
  );
  lines.push(`  modules by self time:`, ...summary.byModuleSelf.slice(0, top).map(row));
  lines.push(`  modules by inclusive time:`, ...summary.byModuleInclusive.slice(0, top).map(row));
  lines.push(`  functions by self time:`, ...summary.byFunctionSelf.slice(0, top).map(row));
  lines.push(`  functions by inclusive time:`, ...summary.byFunctionInclusive.slice(0, top).map(row));
  return lines.join('\n');
}

/**
 * Where one process's CPU per unit of work goes beyond another's doing the same work (the hub's API
 * against its floor): each module's and function's self time in ms per unit (its share of the
 * samples times the process's CPU per unit), in both, and the difference, largest first. The
 * modules' differences add up to the difference of the two CPU figures.
 */
export function describeProfileDifference(
  measured: { summary: ProfileSummary; cpuMs: number },
  floor: { summary: ProfileSummary; cpuMs: number },
  top = 25,
): string {
  const msOf = (of: { summary: ProfileSummary; cpuMs: number }, rows: [string, number][]) =>
    new Map(rows.map(([name, n]): [string, number] => [name, (n / of.summary.busy) * of.cpuMs]));
  const table = (title: string, pick: (s: ProfileSummary) => [string, number][]) => {
    const a = msOf(measured, pick(measured.summary));
    const b = msOf(floor, pick(floor.summary));
    const rows = [...new Set([...a.keys(), ...b.keys()])]
      .map((name) => ({ name, a: a.get(name) ?? 0, b: b.get(name) ?? 0 }))
      .sort((x, y) => y.a - y.b - (x.a - x.b));
    const ms = (x: number) => x.toFixed(3).padStart(7);
    return [
      `  ${title} (measured, floor, difference):`,
      ...rows.slice(0, top).map((r) => `    ${ms(r.a)} ${ms(r.b)} ${ms(r.a - r.b)}  ${r.name}`),
      `    … and the other ${Math.max(0, rows.length - top)}: ${ms(rows.slice(top).reduce((t, r) => t + r.a - r.b, 0))} in all`,
    ];
  };
  return [
    `  CPU: measured ${measured.cpuMs.toFixed(3)}, floor ${floor.cpuMs.toFixed(3)}, difference ${(measured.cpuMs - floor.cpuMs).toFixed(3)}`,
    ...table('modules by self time', (s) => s.byModuleSelf),
    ...table('functions by self time', (s) => s.byFunctionSelf),
  ].join('\n');
}

/** Prints `file`'s summary over `window` under `title`, each share also as that share of `cpuMs` (CPU ms `per` one unit of work, `unit`). */
export function printProfile(title: string, file: string, window: ProfileWindow, cost: { cpuMs: number; per: string; unit: string }, top = 25): void {
  console.log(`\n${title} (${file}): share of samples, and that share of the CPU ms ${cost.per}`);
  console.log(describeProfile(summariseProfile(file, window), { top, cpuMs: cost.cpuMs, unit: cost.unit }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/test/bench/cpu-profile.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(describeProfile(summariseProfile(file), { top: top ? Number(top) : 25 }));
}
