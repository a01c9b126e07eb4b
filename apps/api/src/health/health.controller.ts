import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@isac/auth';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  live() {
    return { status: 'live' };
  }

  /** 200 when PostgreSQL and Redis answer; 503 naming the one that does not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ready') {
      const failing = Object.entries(readiness.checks)
        .filter(([, c]) => c.status === 'down')
        .map(([name, c]) => `${name}: ${c.error}`);
      response.status(503);
      return { ...readiness, detail: `not ready: ${failing.join('; ')}` };
    }
    return readiness;
  }
}
