// `npm run bench -- route [--advisories 2000] [--concurrency 32] [--members 300] [--profile <dir>]`: the centre, six
// sector units and 300 members; advisories published through the HTTP API to mixed audiences and
// TLPs. The API, the worker and this load generator run as three processes, as deployed. Phases:
// (1) publish N with no worker running: advisories/s accepted through HTTP; (2) start the worker
// and let it drain that backlog: deliveries/s into inboxes; (3) publish at half the target rate
// with the worker running: publish→inbox latency p50/p95/p99. Prints the raw PostgreSQL / BullMQ
// baselines of the same run and the ratios.
import { loadConfig } from '@isac/config';
import { ApiKeysService, NetworkDirectory, NetworkSeeder, SECTORS } from '@isac/organisations';
import { connect, createDataSource, migrate } from '@isac/persistence';
import { createApi } from '../../apps/api/src/create-api.js';
import { HubLogger } from '@isac/observability';
import { DataSource } from 'typeorm';
import { describeRates, rawBullmqThroughput, rawPostgresInsertRates } from './baseline.js';
import { withBenchTarget } from './bench-target.js';
import { describeProfileDifference, monotonicUs, printProfile, summariseProfile } from './cpu-profile.js';
import { option, textOption } from './options.js';
import { freePort, profileFileOf, spawnApp } from './processes.js';

const TARGET_ACCEPTED_PER_S = 500;
/** issue 20: 1,000 advisories/s within two API cores, and the worker keeping up on a fraction of one */
const TARGET_API_CPU_MS = 0.8;
const TARGET_WORKER_CPU_MS = 0.3;
const TARGET_P99_MS = 100;

/** Mixed audiences and markings, as the issue asks: all, one sector, named organisations. */
function requestFor(i: number, members: string[]) {
  const sector = SECTORS[i % SECTORS.length];
  const shapes = [
    { tlp: 'TLP:GREEN', audience: { all: true } },
    { tlp: 'TLP:CLEAR', audience: { all: true } },
    { tlp: 'TLP:AMBER', audience: { sectors: [sector] } },
    { tlp: 'TLP:GREEN', audience: { sectors: [sector, SECTORS[(i + 1) % SECTORS.length]] } },
    { tlp: 'TLP:RED', audience: { organisations: [members[i % members.length], members[(i * 7) % members.length], sector] } },
    { tlp: 'TLP:AMBER+STRICT', audience: { organisations: [sector, members[(i * 3) % members.length]] } },
  ];
  return { title: `bench advisory ${i}`, body: 'Benchmark advisory body.', severity: 'medium', ...shapes[i % shapes.length] };
}

const ratio = (x: number, raw: number) => (Number.isNaN(raw) ? 'n/a (--quick)' : `${((x / raw) * 100).toFixed(1)}%`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function publishAll(
  base: string,
  keys: string[],
  indexes: number[],
  members: string[],
  concurrency: number,
  ratePerSecond?: number,
): Promise<{ seconds: number; ids: string[] }> {
  const ids: string[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < indexes.length) {
      const n = next++;
      if (ratePerSecond) {
        const due = started + (n / ratePerSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const i = indexes[n];
      const response = await fetch(`${base}/api/v1/advisories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[i % keys.length]}` },
        body: JSON.stringify(requestFor(i, members)),
      });
      if (response.status !== 201) throw new Error(`publish answered ${response.status}: ${await response.text()}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { seconds: (performance.now() - started) / 1000, ids };
}

async function waitRouted(db: DataSource, ids: string[], timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM advisories WHERE id = ANY($1) AND routed_at IS NOT NULL`, [ids]);
    if (n === ids.length) return;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${n} of ${ids.length} advisories routed after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * publish→inbox per advisory: from its commit to its last inbox entry (both PostgreSQL clocks), and
 * where that time went: waiting for the relay (created → relayed_at) and from the relay's hand-off
 * through BullMQ and the router to the fan-out statement (relayed_at → entries).
 */
async function latencies(db: DataSource, ids: string[]) {
  const rows: { ms: number; relay_ms: number; route_ms: number }[] = await db.query(
    `SELECT extract(epoch FROM max(d.delivered_at) - a.created_at) * 1000 AS ms,
            extract(epoch FROM a.relayed_at - a.created_at) * 1000 AS relay_ms,
            extract(epoch FROM max(d.delivered_at) - a.relayed_at) * 1000 AS route_ms
       FROM advisories a JOIN deliveries d ON d.advisory_id = a.id WHERE a.id = ANY($1) GROUP BY a.id, a.created_at, a.relayed_at`,
    [ids],
  );
  const sorted = (pick: (r: (typeof rows)[number]) => number) => rows.map((r) => Number(pick(r))).sort((x, y) => x - y);
  const total = sorted((r) => r.ms);
  const relay = sorted((r) => r.relay_ms);
  const route = sorted((r) => r.route_ms);
  const [{ deliveries, seconds }] = await db.query(
    `SELECT count(*)::int AS deliveries, extract(epoch FROM max(d.delivered_at) - min(a.created_at)) AS seconds
       FROM deliveries d JOIN advisories a ON a.id = d.advisory_id WHERE a.id = ANY($1)`,
    [ids],
  );
  return {
    p50: percentile(total, 50),
    p95: percentile(total, 95),
    p99: percentile(total, 99),
    relay: { p50: percentile(relay, 50), p99: percentile(relay, 99) },
    route: { p50: percentile(route, 50), p99: percentile(route, 99) },
    deliveries,
    seconds: Number(seconds),
  };
}

/**
 * The floor (route-floor.ts): a bare NestJS route with a key guard, the hub's validation pipe on the
 * hub's publishing DTO and one INSERT, given the same requests as the hub's API; its CPU ms per request.
 * With `profile`, it runs under the profiler as the API does, and `window` is set to its measured phase.
 */
async function floorCpuPerRequest(
  env: Record<string, string>,
  keys: string[],
  members: string[],
  count: number,
  concurrency: number,
  validation: 'on' | 'off',
  adapter: 'express' | 'fastify' = 'express',
  profiled?: { profile: { dir: string; intervalUs: number }; window: { fromUs: number; toUs: number } },
): Promise<number> {
  const port = await freePort();
  const floor = spawnApp(
    'floor',
    { ...env, PORT: String(port), FLOOR_KEYS: keys.join(','), FLOOR_VALIDATION: validation, FLOOR_ADAPTER: adapter },
    profiled?.profile,
  );
  try {
    await floor.ready(/floor listening/);
    const base = `http://127.0.0.1:${port}`;
    await publishAll(
      base,
      keys,
      Array.from({ length: 200 }, (_, i) => i),
      members,
      concurrency,
    );
    const before = floor.cpuSeconds();
    if (profiled) profiled.window.fromUs = monotonicUs();
    await publishAll(
      base,
      keys,
      Array.from({ length: count }, (_, i) => 200 + i),
      members,
      concurrency,
    );
    if (profiled) profiled.window.toUs = monotonicUs();
    return ((floor.cpuSeconds() - before) / count) * 1000;
  } finally {
    await floor.stop();
  }
}

export async function routeBench(args: string[]): Promise<void> {
  const count = option(args, 'advisories', 2000);
  const concurrency = option(args, 'concurrency', 32);
  const memberCount = option(args, 'members', 300);
  // --profile <dir>: the API and the worker write V8 CPU profiles there (open in Chrome DevTools), and
  // the bench prints where their CPU went while publishing and draining. Samples are taken every
  // --profile-interval µs (100): V8 samples on the wall clock, and a thread that lost its core shows up
  // as one sample where it resumed (mostly in a socket write that woke PostgreSQL or Redis); frequent
  // samples keep that bias small against the samples of the time it ran.
  const profileDir = textOption(args, 'profile');
  const profile = profileDir ? { dir: profileDir, intervalUs: option(args, 'profile-interval', 100) } : undefined;
  let profileWindows: {
    api: { fromUs: number; toUs: number };
    worker: { fromUs: number; toUs: number } | null;
    apiCpuMs: number;
    workerCpuMs: number;
    /** the Express floor's measured phase and its CPU ms per request */
    floor: { fromUs: number; toUs: number; cpuMs: number } | undefined;
  } | null = null;
  // --quick: no raw baselines (no ratios printed); --publish-only: the publishing phase alone (API figures)
  const quick = args.includes('--quick');
  const publishOnly = args.includes('--publish-only');
  await withBenchTarget(async (target) => {
    const env = { ...process.env, DATABASE_URL: target.databaseUrl, REDIS_PREFIX: target.prefix, LOG_LEVEL: 'warn' } as Record<string, string>;
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
    const migrator = await connect(createDataSource(config, { poolSize: 1 }), config.DATABASE_URL);
    await migrate(migrator);
    await migrator.destroy();

    let rawPg = NaN;
    let rawBull = NaN;
    if (!quick) {
      console.log(`raw baselines of this run…`);
      const rawPgRates = await rawPostgresInsertRates({ databaseUrl: target.databaseUrl, rows: 200_000 });
      rawPg = rawPgRates.median;
      rawBull = await rawBullmqThroughput({ redisUrl: target.redisUrl, prefix: target.prefix, jobs: 20_000 });
      console.log(`  PostgreSQL batched insert  ${describeRates(rawPgRates)}`);
      console.log(`  BullMQ no-op jobs          ${Math.round(rawBull).toLocaleString('en')} jobs/s`);
    }

    // this process only seeds and measures; the API and the worker run as their own processes
    const setup = await createApi(config, new HubLogger('silent', 'isac-bench-setup'));
    await setup.init();
    const port = await freePort();
    const api = spawnApp('api', { ...env, PORT: String(port), HOST: '127.0.0.1' }, profile);
    let worker: ReturnType<typeof spawnApp> | null = null;
    const base = `http://127.0.0.1:${port}`;
    try {
      const db = setup.get(DataSource);
      await setup.get(NetworkSeeder).seedFromFile(config.NETWORK_FILE);
      await db.query(`DELETE FROM organisations WHERE kind = 'member'`);
      for (const [s, sector] of SECTORS.entries()) {
        await db.query(
          `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
           SELECT $1 || '-member-' || g, 'Member ' || g, 'member', $1, (SELECT id FROM organisations WHERE slug = $1), 'identity--' || gen_random_uuid()
             FROM generate_series(1, $2::int) g`,
          [sector, Math.floor(memberCount / SECTORS.length) + (s < memberCount % SECTORS.length ? 1 : 0)],
        );
      }
      setup.get(NetworkDirectory).invalidate();
      const network = await setup.get(NetworkDirectory).network();
      const members = network
        .all()
        .filter((o) => o.kind === 'member')
        .map((o) => o.slug);
      const keys: string[] = [];
      for (const slug of ['centre', ...SECTORS]) keys.push((await setup.get(ApiKeysService).create(slug, ['analyst'])).key);
      await api.ready(/listening on/);
      console.log(`network: ${network.all().length} organisations (centre, ${SECTORS.length} sector units, ${members.length} members)`);

      // warm-up: connections, JIT, the network cache (its 5 s freshness also covers the members just added)
      await new Promise((r) => setTimeout(r, 5500));
      const warm = await publishAll(
        base,
        keys,
        Array.from({ length: 200 }, (_, i) => i),
        members,
        concurrency,
      );

      const apiCpuBefore = api.cpuSeconds();
      const apiTimesBefore = api.cpuTimes();
      const apiWindow = { fromUs: monotonicUs(), toUs: 0 };
      const full = await publishAll(
        base,
        keys,
        Array.from({ length: count }, (_, i) => 200 + i),
        members,
        concurrency,
      );
      const accepted = count / full.seconds;
      const apiCpuPerAdvisory = ((api.cpuSeconds() - apiCpuBefore) / count) * 1000;
      const apiSystemShare = (api.cpuTimes().system - apiTimesBefore.system) / (api.cpuSeconds() - apiCpuBefore);
      apiWindow.toUs = monotonicUs();
      // the framework's floor, given the same requests while the hub's API is idle (skipped with --quick):
      // on Express as the hub runs, and on Nest's Fastify adapter, each with and without the validation pipe
      // with --profile, the Express floor with the pipe is profiled too: the API's profile less the floor's is the hub's own
      const floorOf = async (validation: 'on' | 'off', adapter: 'express' | 'fastify', profiled?: Parameters<typeof floorCpuPerRequest>[7]) =>
        quick ? NaN : await floorCpuPerRequest(env, keys, members, count, concurrency, validation, adapter, profiled);
      const floorProfile = profile && !quick ? { profile, window: { fromUs: 0, toUs: 0 } } : undefined;
      const floor = {
        express: await floorOf('on', 'express', floorProfile),
        expressBare: await floorOf('off', 'express'),
        fastify: await floorOf('on', 'fastify'),
        fastifyBare: await floorOf('off', 'fastify'),
      };
      const floorWindow = floorProfile && { ...floorProfile.window, cpuMs: floor.express };
      const printFloor = () => {
        if (quick) return;
        console.log(
          `  floor: a bare NestJS route (key guard, the hub's validation pipe and publishing DTO, one INSERT), the same requests: ` +
            `${floor.express.toFixed(2)} ms CPU per request; the hub's API ${(apiCpuPerAdvisory / floor.express).toFixed(1)}x the floor, ` +
            `${(apiCpuPerAdvisory - floor.express).toFixed(2)} ms above it; without the validation pipe ${floor.expressBare.toFixed(2)} ms`,
        );
        console.log(
          `  the same floor on Nest's Fastify adapter (the hub runs on Express; this tells Express's share): ` +
            `${floor.fastify.toFixed(2)} ms; without the validation pipe ${floor.fastifyBare.toFixed(2)} ms`,
        );
      };
      if (publishOnly) {
        console.log(`route bench, publishing only: ${count} advisories, ${concurrency} concurrent HTTP clients`);
        console.log(
          `  accepted through HTTP       ${accepted.toFixed(0)} advisories/s   API process CPU ${apiCpuPerAdvisory.toFixed(3)} ms per advisory (target ≤ ${TARGET_API_CPU_MS}; ${(apiSystemShare * 100).toFixed(0)} % of it in the kernel)`,
        );
        printFloor();
        profileWindows = { api: apiWindow, worker: null, apiCpuMs: apiCpuPerAdvisory, workerCpuMs: NaN, floor: floorWindow };
        return;
      }

      worker = spawnApp('worker', env, profile);
      await worker.ready(/worker ready/);
      const workerCpuBefore = worker.cpuSeconds();
      const workerTimesBefore = worker.cpuTimes();
      const workerWindow = { fromUs: monotonicUs(), toUs: 0 };
      await waitRouted(db, [...warm.ids, ...full.ids]);
      const workerCpuPerAdvisory = ((worker.cpuSeconds() - workerCpuBefore) / (warm.ids.length + full.ids.length)) * 1000;
      const workerSystemShare = (worker.cpuTimes().system - workerTimesBefore.system) / (worker.cpuSeconds() - workerCpuBefore);
      workerWindow.toUs = monotonicUs();
      profileWindows = {
        api: apiWindow,
        worker: workerWindow,
        apiCpuMs: apiCpuPerAdvisory,
        workerCpuMs: workerCpuPerAdvisory,
        floor: floorWindow,
      };
      const drained = await latencies(db, full.ids);
      const [{ deliveries, seconds }] = await db.query(
        `SELECT count(*)::int AS deliveries, extract(epoch FROM max(delivered_at) - min(delivered_at)) AS seconds FROM deliveries WHERE advisory_id = ANY($1)`,
        [full.ids],
      );
      const deliveriesPerSecond = deliveries / Number(seconds);

      const halfRate = TARGET_ACCEPTED_PER_S / 2;
      const halfCount = Math.round(halfRate * 6);
      const half = await publishAll(
        base,
        keys,
        Array.from({ length: halfCount }, (_, i) => 200 + count + i),
        members,
        concurrency,
        halfRate,
      );
      await waitRouted(db, half.ids);
      const atHalf = await latencies(db, half.ids);

      const ms = (x: number) => `${x.toFixed(0)} ms`;
      console.log(`route bench: ${count} advisories, ${concurrency} concurrent HTTP clients, mixed audiences and TLPs`);
      console.log(
        `  accepted through HTTP       ${accepted.toFixed(0)} advisories/s   (target ≥ ${TARGET_ACCEPTED_PER_S})   API process CPU ${apiCpuPerAdvisory.toFixed(2)} ms per advisory (target ≤ ${TARGET_API_CPU_MS}; ${(apiSystemShare * 100).toFixed(0)} % of it in the kernel)`,
      );
      printFloor();
      console.log(
        `  deliveries into inboxes     ${Math.round(deliveriesPerSecond).toLocaleString('en')} /s   (${deliveries.toLocaleString('en')} entries, backlog drained in ${Number(seconds).toFixed(2)} s)  ratio to raw PostgreSQL ${ratio(deliveriesPerSecond, rawPg)} (target ≥ 40%)`,
      );
      console.log(
        `  route jobs                  ${(count / Number(seconds)).toFixed(0)} /s   ratio to raw BullMQ ${ratio(count / Number(seconds), rawBull)}   worker process CPU ${workerCpuPerAdvisory.toFixed(2)} ms per advisory (target ≤ ${TARGET_WORKER_CPU_MS}; ${(workerSystemShare * 100).toFixed(0)} % of it in the kernel)`,
      );
      console.log(
        `  publish→inbox, ${halfRate}/s        p50 ${ms(atHalf.p50)}  p95 ${ms(atHalf.p95)}  p99 ${ms(atHalf.p99)}   (target p99 ≤ ${TARGET_P99_MS} ms; ${halfCount} advisories, ${atHalf.deliveries.toLocaleString('en')} entries; published at ${(halfCount / half.seconds).toFixed(0)}/s)`,
      );
      console.log(
        `    of which waiting for the relay p50 ${ms(atHalf.relay.p50)} p99 ${ms(atHalf.relay.p99)}; relay → BullMQ → router → entries p50 ${ms(atHalf.route.p50)} p99 ${ms(atHalf.route.p99)}`,
      );
      console.log(
        `  (backlog phase, for reference: publish→inbox p50 ${ms(drained.p50)} p99 ${ms(drained.p99)} — includes the time before the worker started)`,
      );
    } finally {
      await worker?.stop();
      await api.stop();
      await setup.close();
      // the profiles are written as the processes exit; only the measured phases are summarised
      if (profileDir && profileWindows) {
        const { api: apiWindow, worker: workerWindow, apiCpuMs, workerCpuMs, floor: floorPhase } = profileWindows;
        const top = option(args, 'profile-top', 25);
        const perAdvisory = { per: 'per advisory', unit: 'ms/adv' };
        printProfile('API profile, publishing phase', profileFileOf(profileDir, 'api'), apiWindow, { cpuMs: apiCpuMs, ...perAdvisory }, top);
        if (floorPhase) {
          console.log(`\nthe hub's API against the floor on Express (${profileFileOf(profileDir, 'floor')}), the same requests: self time in ms per advisory`);
          console.log(
            describeProfileDifference(
              { summary: summariseProfile(profileFileOf(profileDir, 'api'), apiWindow), cpuMs: apiCpuMs },
              { summary: summariseProfile(profileFileOf(profileDir, 'floor'), floorPhase), cpuMs: floorPhase.cpuMs },
              top,
            ),
          );
        }
        if (workerWindow) {
          printProfile('worker profile, draining phase', profileFileOf(profileDir, 'worker'), workerWindow, { cpuMs: workerCpuMs, ...perAdvisory }, top);
        }
      }
    }
  });
}
