// `npm run bench -- ingest [--bundle <file>]`: STIX bundles of 10, 1,000 and 20,000 generated mixed
// objects (one incident and one object of every standard type, repeated) filed through the whole
// incident path — parse, validate, store checks, storage, case and timeline — on the bench's own
// database; with --bundle, that file too, through validation and the store. Prints objects/s, peak
// memory, and the raw PostgreSQL batched-insert rate of the same rows measured in the same run —
// the same objects INSERTed 1,000 a statement into a table shaped like stix_objects, with nothing
// parsed, checked or filed — and the ratio: what the hub's own work costs on top of storage. The
// small-row baseline of the other benchmarks is printed too.
import { readFile } from 'node:fs/promises';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { ConfigModule, loadConfig } from '@isac/config';
import { IncidentsModule, IncidentsService } from '@isac/incidents';
import { MessagingModule } from '@isac/messaging';
import { NetworkDirectory, NetworkSeeder } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { StixStoreService } from '@isac/stix-store';
import { mixedBundle } from './mixed-bundle.js';
import { describeRates, rawPostgresInsertRates, rawStixRowRates } from './baseline.js';
import { withBenchTarget } from './bench-target.js';

const SIZES = [10, 1_000, 20_000];
const MB = 1024 * 1024;

interface Run {
  label: string;
  objects: number;
  bytes: number;
  seconds: number;
  peakRss: number;
  rssGrowth: number;
}

/** Runs `work` while sampling RSS every 5 ms; returns the peak and the growth over the start. */
async function measured(work: () => Promise<void>): Promise<{ seconds: number; peakRss: number; rssGrowth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = process.hrtime.bigint();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRss: peak, rssGrowth: peak - start };
}

const n = (x: number) => Math.round(x).toLocaleString('en');
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

function print(run: Run, raw: { sameRows: number; smallRows: number }): void {
  const rate = run.objects / run.seconds;
  console.log(
    [
      `  ${run.label.padEnd(28)}`,
      `${run.objects.toLocaleString('en').padStart(7)} objects`,
      `${(run.bytes / MB).toFixed(2).padStart(7)} MB`,
      `${run.seconds.toFixed(2).padStart(6)} s`,
      `${n(rate).padStart(8)} objects/s`,
      `raw INSERT of the same rows ${n(raw.sameRows).padStart(8)} rows/s, ratio ${percent(rate, raw.sameRows).padStart(6)}`,
      `(of small rows ${percent(rate, raw.smallRows).padStart(5)})`,
      `peak RSS ${(run.peakRss / MB).toFixed(0).padStart(5)} MB`,
      `growth ${(run.rssGrowth / MB).toFixed(0).padStart(4)} MB = ${(run.rssGrowth / run.bytes).toFixed(1)}x the bundle`,
    ].join('  '),
  );
}

export async function ingestBench(args: string[]): Promise<void> {
  const at = args.indexOf('--bundle');
  const file = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !file) throw new Error('--bundle needs a file');
  await withBenchTarget(async (target) => {
    const config = loadConfig({ ...process.env, DATABASE_URL: target.databaseUrl, REDIS_PREFIX: target.prefix, LOG_LEVEL: 'silent' });
    @Module({ imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot({ migrate: true, applicationName: 'isac-bench' }), MessagingModule.forRoot(), AuditModule, IncidentsModule] })
    class IngestBenchModule {}
    const app = await NestFactory.createApplicationContext(IngestBenchModule, { logger: false, abortOnError: false });
    try {
      await app.get(NetworkSeeder).seedFromFile(config.NETWORK_FILE);
      const energy = (await app.get(NetworkDirectory).network()).bySlug('energy')!;
      const principal: Principal = {
        keyId: 'bench',
        keyPrefix: 'isac_bench',
        roles: ['reporter'],
        organisation: { id: energy.id, slug: energy.slug, kind: energy.kind, sector: energy.sector, parentId: energy.parentId },
      };
      const incidents = app.get(IncidentsService);
      const store = app.get(StixStoreService);

      console.log('raw PostgreSQL batched insert of small rows (200,000 rows, 1,000 a statement, three runs)…');
      const smallRates = await rawPostgresInsertRates({ databaseUrl: target.databaseUrl, rows: 200_000 });
      const smallRows = smallRates.median;
      console.log(`  ${describeRates(smallRates)}`);
      console.log('ingest (parse + validate + store checks + storage + case), each bundle next to PostgreSQL alone writing its rows (median of three):');

      let largest: { run: Run; same: Awaited<ReturnType<typeof rawStixRowRates>> } | null = null;
      for (const size of SIZES) {
        const bundle = mixedBundle(size);
        const text = JSON.stringify(bundle);
        // the body as the HTTP layer hands it over, one flat string: JSON.stringify returns a rope,
        // which JSON.parse would otherwise flatten (a copy of the whole text) inside the measurement
        const bytes = Buffer.byteLength(text);
        const { seconds, peakRss, rssGrowth } = await measured(async () => {
          const filed = await incidents.file(principal, JSON.parse(text));
          const { stored, unchanged } = filed.report;
          if (stored + unchanged !== size) throw new Error(`stored ${stored} + unchanged ${unchanged} of ${size}`);
        });
        const same = await rawStixRowRates({ databaseUrl: target.databaseUrl, objects: bundle.objects });
        const run = { label: `generated, via POST /incidents`, objects: size, bytes, seconds, peakRss, rssGrowth };
        print(run, { sameRows: same.insert.median, smallRows });
        largest = { run, same };
      }
      if (largest) {
        const { run, same } = largest;
        const rate = run.objects / run.seconds;
        const growth = run.rssGrowth / run.bytes;
        console.log(`the ${n(run.objects)}-object bundle, ${n(rate)} objects/s, against PostgreSQL alone writing the same rows:`);
        console.log(`  batched INSERT, 1,000 a statement  ${describeRates(same.insert)}   ratio ${percent(rate, same.insert.median)}`);
        console.log(`  one COPY                           ${describeRates(same.copy)}   ratio ${percent(rate, same.copy.median)}`);
        console.log(`  small rows (the other benchmarks' baseline)  ${describeRates(smallRates)}   ratio ${percent(rate, smallRows)}`);
        console.log(`target: ≥ 25% of the batched INSERT of the same rows — ${rate >= 0.25 * same.insert.median ? 'met' : 'MISSED'}; memory growth < 4x the bundle — ${growth < 4 ? 'met' : 'MISSED'} (${growth.toFixed(2)}x)`);
      }

      if (file) {
        const text = await readFile(file, 'utf8');
        let objects = 0;
        const { seconds, peakRss, rssGrowth } = await measured(async () => {
          const bundle = JSON.parse(text) as { objects: Record<string, unknown>[] };
          const report = await store.validate(bundle, { orgId: energy.id });
          if (!report.valid) throw new Error(`${file} is not valid: ${JSON.stringify(report.errors.slice(0, 5))}`);
          objects = bundle.objects.length;
          await store.store(bundle.objects, { authorOrgId: energy.id, recipientOrgIds: [], tlp: undefined });
        });
        const same = await rawStixRowRates({ databaseUrl: target.databaseUrl, objects: (JSON.parse(text) as { objects: Record<string, unknown>[] }).objects });
        print({ label: `${file.split('/').pop()}, via the store`, objects, bytes: Buffer.byteLength(text), seconds, peakRss, rssGrowth }, { sameRows: same.insert.median, smallRows });
      }
    } finally {
      await app.close();
    }
  });
}
