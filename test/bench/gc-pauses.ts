// The garbage collector's pauses in a bench's app process. `--import` this module into the process
// with BENCH_GC_LOG naming a file, and each pause is appended to it as it is reported: its start on
// the wall clock (ms since the epoch, so that a client's timings line up with it), its length, and
// its kind. `gcPausesOf` reads them back and tells which of a case's requests one overlapped.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { percentile } from './percentile.js';

/** What `spawnApp` passes to `node --import` for the `--gc` option of a bench. */
export const GC_OBSERVER = new URL(import.meta.url);

const log = process.env.BENCH_GC_LOG;
if (log) {
  // made at once: a log that is missing later means this module was not loaded, not that nothing paused
  writeFileSync(log, '');
  const kindOf = (entry: PerformanceEntry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
  new PerformanceObserver((list) => {
    const lines = list.getEntries().map((e) => `${(performance.timeOrigin + e.startTime).toFixed(3)} ${e.duration.toFixed(3)} ${kindOf(e)}\n`);
    appendFileSync(log, lines.join(''));
  }).observe({ entryTypes: ['gc'] });
}

export interface GcPause {
  startMs: number;
  ms: number;
  kind: 'scavenge' | 'mark-compact' | 'incremental marking' | 'weak callbacks' | 'other';
}

const KINDS = new Map<number, GcPause['kind']>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'scavenge'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'mark-compact'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental marking'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
]);

const PLURAL: Record<GcPause['kind'], string> = {
  scavenge: 'scavenges',
  'mark-compact': 'mark-compacts',
  'incremental marking': 'incremental marking steps',
  'weak callbacks': 'weak callbacks',
  other: 'others',
};

/** The pauses logged to `file`; throws when there is no such log (the observer was not loaded). */
export function gcPausesOf(file: string): GcPause[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [startMs, ms, kind] = line.split(' ').map(Number);
      return { startMs, ms, kind: KINDS.get(kind) ?? 'other' };
    });
}

/**
 * The pauses within a case's requests (each its start on the wall clock and its length), by kind,
 * and the requests none of them overlapped: what the case's times would be without the collector.
 */
export function describeGcPauses(pauses: GcPause[], requests: { startMs: number; ms: number }[]): string {
  if (requests.length === 0) return 'no requests timed';
  const from = requests[0].startMs;
  const to = Math.max(...requests.map((r) => r.startMs + r.ms));
  const within = pauses.filter((p) => p.startMs + p.ms >= from && p.startMs <= to);
  const kinds = [...new Set(within.map((p) => p.kind))].map((kind) => {
    const of = within.filter((p) => p.kind === kind).map((p) => p.ms);
    const total = of.reduce((a, b) => a + b, 0);
    return `${of.length} ${of.length === 1 ? kind : PLURAL[kind]} (${total.toFixed(0)} ms in all, longest ${Math.max(...of).toFixed(1)} ms)`;
  });
  const overlaps = (r: { startMs: number; ms: number }) => within.some((p) => p.startMs < r.startMs + r.ms && p.startMs + p.ms > r.startMs);
  const clear = requests.filter((r) => !overlaps(r)).map((r) => r.ms);
  return (
    `${kinds.length ? kinds.join(', ') : 'no pause'}; ${requests.length - clear.length} of ${requests.length} requests overlapped a pause` +
    (clear.length ? `; the other ${clear.length}: p50 ${percentile(clear, 50).toFixed(1)} ms  p99 ${percentile(clear, 99).toFixed(1)} ms` : '')
  );
}
