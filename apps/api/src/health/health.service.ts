import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { readHeartbeat, REDIS } from '@isac/messaging';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

export interface CheckResult {
  status: 'up' | 'down';
  ms: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { postgres: CheckResult; redis: CheckResult };
  worker: { lastHeartbeat: string; queueLagMs: number } | null;
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { status: 'up', ms: Date.now() - started };
  } catch (error) {
    return { status: 'down', ms: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1'), 2000),
      timed(() => this.redis.ping(), 2000),
    ]);
    const beat = redis.status === 'up' ? await readHeartbeat(this.redis, this.config).catch(() => null) : null;
    return {
      status: postgres.status === 'up' && redis.status === 'up' ? 'ready' : 'unavailable',
      checks: { postgres, redis },
      worker: beat ? { lastHeartbeat: beat.at, queueLagMs: beat.lagMs } : null,
    };
  }
}
