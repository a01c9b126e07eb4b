import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Jobs enter queues only through QueueProducer's typed methods (add, addBulk, schedule…), and only
 * libs/messaging speaks BullMQ. Each rule names a way around the producer.
 */
const RULES: { what: string; pattern: RegExp }[] = [
  { what: 'imports BullMQ', pattern: /from\s+['"]bullmq['"]/ },
  { what: 'opens a BullMQ queue, worker or flow', pattern: /new\s+(Queue|Worker|FlowProducer|QueueEvents)\s*\(/ },
  { what: 'reaches for the BullMQ queue behind the producer', pattern: /\.queue\s*\(/ },
  { what: 'manages a job scheduler on a raw queue', pattern: /\.(upsertJobScheduler|removeJobScheduler|obliterate)\s*\(/ },
  // the typed addBulk takes the queue definition first; BullMQ's takes the jobs
  { what: 'adds jobs in bulk to a raw queue', pattern: /\.addBulk\s*\(\s*(\[|[\w.]+\.map\s*\()/ },
];

/** The raw BullMQ uses in one source file, as `<file>:<line>: <rule>`. */
function rawBullmqUses(file: string, source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const rule of RULES) if (rule.pattern.test(line)) found.push(`${file}:${i + 1}: ${rule.what}`);
  });
  return found;
}

// jest runs from the repository's root (ops/run-tests.mjs)
const root = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('jobs only through the typed producer', () => {
  it('no file of libs/ or apps/ outside libs/messaging calls BullMQ itself', () => {
    const files = ['libs', 'apps'].flatMap((top) => sources(path.join(root, top))).filter((f) => !f.startsWith(path.join(root, 'libs/messaging') + path.sep));
    // the scan sees the enqueue sites: it would pass vacuously on an empty list
    expect(files.some((f) => f.endsWith(path.join('advisories', 'src', 'outbox-relay.service.ts')))).toBe(true);
    expect(files.flatMap((f) => rawBullmqUses(path.relative(root, f), readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('names each way around the producer on a planted violation', () => {
    const planted = [
      "import { Queue } from 'bullmq';",
      "const q = new Queue('route', { connection });",
      "await this.producer.queue(ROUTE_QUEUE).addBulk(items.map((i) => ({ name: 'route', data: i })));",
      "await queue.upsertJobScheduler('sweep', { every: 1000 }, { name: 'sweep', data: {} });",
      "await queue.addBulk(items.map((i) => ({ name: 'route', data: i })));",
      "await queue.addBulk([{ name: 'route', data: {} }]);",
    ].join('\n');
    expect(rawBullmqUses('planted.ts', planted)).toEqual([
      'planted.ts:1: imports BullMQ',
      'planted.ts:2: opens a BullMQ queue, worker or flow',
      'planted.ts:3: reaches for the BullMQ queue behind the producer',
      'planted.ts:3: adds jobs in bulk to a raw queue',
      'planted.ts:4: manages a job scheduler on a raw queue',
      'planted.ts:5: adds jobs in bulk to a raw queue',
      'planted.ts:6: adds jobs in bulk to a raw queue',
    ]);
  });

  it('lets the typed producer calls through', () => {
    const typed = [
      "await this.producer.addBulk(ROUTE_QUEUE, items.map((i) => ({ name: 'route', data: i })));",
      'await this.producer.addBulk(\n      BRIEFINGS_QUEUE,\n      orgIds.map((orgId) => ({ name: "compose", data: { orgId } })),\n    );',
      'await this.producer.schedule(INCIDENT_CLOCKS_QUEUE, INCIDENT_CLOCKS_SCHEDULE);',
      "await this.producer.add(TAXII_QUEUE, 'add-objects', { statusId }, { jobId: statusId });",
    ].join('\n');
    expect(rawBullmqUses('typed.ts', typed)).toEqual([]);
  });
});
