import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { readHeartbeat, REDIS } from '@isac/messaging';
import { type CheckResult, timedCheck } from '@isac/observability';
import { pingDatabase } from '@isac/persistence';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { postgres: CheckResult; redis: CheckResult };
  worker: { lastHeartbeat: string; queueLagMs: number } | null;
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
      timedCheck(() => pingDatabase(this.dataSource), 2000),
      timedCheck(() => this.redis.ping(), 2000),
    ]);
    const beat = redis.status === 'up' ? await readHeartbeat(this.redis, this.config).catch(() => null) : null;
    return {
      status: postgres.status === 'up' && redis.status === 'up' ? 'ready' : 'unavailable',
      checks: { postgres, redis },
      worker: beat ? { lastHeartbeat: beat.at, queueLagMs: beat.lagMs } : null,
    };
  }
}
