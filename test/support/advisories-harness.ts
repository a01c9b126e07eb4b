import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HubLogger } from '@isac/observability';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { startApi, type ApiHarness } from './api-harness.js';

/** Fast clocks for the advisory pipeline in tests: reconcile after 1 s, short webhook back-off and timeout. */
export const ADVISORY_TEST_ENV = {
  RECONCILE_AFTER_MS: '1000',
  WEBHOOK_BACKOFF_MS: '100',
  WEBHOOK_TIMEOUT_MS: '400',
  WEBHOOK_ATTEMPTS: '4',
  // the suites' webhook receivers listen on this machine
  WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128',
};

export interface AdvisoryHub extends ApiHarness {
  worker: INestApplicationContext | null;
  /** the hub's worker, started unless it runs already (a second one would outlive close()) */
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  db: DataSource;
  /** resolves when `check` is true, polling every 50 ms; rejects with `what` after the timeout */
  until(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  inboxCount(advisoryId: string): Promise<Map<string, number>>;
}

/** The API and an in-process worker (the same module apps/worker runs) on one database and key prefix. */
export async function startAdvisoryHub(options: { env?: Record<string, string>; worker?: boolean } = {}): Promise<AdvisoryHub> {
  const api = await startApi({ env: { ...ADVISORY_TEST_ENV, ...options.env } });
  const db = api.app.get(DataSource);
  const hub: AdvisoryHub = {
    ...api,
    db,
    worker: null,
    async startWorker() {
      if (hub.worker) return hub.worker;
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.env.config), {
        logger: new HubLogger(api.env.config.LOG_LEVEL, 'isac-worker-test'),
        abortOnError: false,
      });
      await worker.init();
      hub.worker = worker;
      return worker;
    },
    async stopWorker() {
      await hub.worker?.close();
      hub.worker = null;
    },
    async until(what, check, timeoutMs = 15_000) {
      const started = Date.now();
      while (!(await check())) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async inboxCount(advisoryId) {
      const rows: { slug: string; n: number }[] = await db.query(
        `SELECT o.slug, count(*)::int AS n FROM deliveries d JOIN organisations o ON o.id = d.org_id WHERE d.advisory_id = $1 GROUP BY o.slug`,
        [advisoryId],
      );
      return new Map(rows.map((r) => [r.slug, r.n]));
    },
    async close() {
      await hub.stopWorker();
      await api.close();
    },
  };
  if (options.worker !== false) await hub.startWorker();
  return hub;
}

export interface ReceivedPush {
  path: string;
  signature: string | undefined;
  body: string;
  at: number;
}

/** A webhook receiver on 127.0.0.1; `answer` decides per request (status, or 'hang' to time out). */
export async function startReceiver(answer: (req: IncomingMessage, count: number) => number | 'hang' = () => 200) {
  const received: ReceivedPush[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', signature: req.headers['x-isac-signature'] as string | undefined, body, at: Date.now() });
      const outcome = answer(req, received.filter((r) => r.path === req.url).length);
      if (outcome === 'hang') {
        const timer = setTimeout(() => res.writeHead(200).end(), 5000);
        hanging.add(() => clearTimeout(timer));
        return;
      }
      res.writeHead(outcome).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => {
      for (const stop of hanging) stop();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
