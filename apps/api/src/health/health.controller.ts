import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@isac/auth';
import { failingChecks } from '@isac/observability';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'The API process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['live'] } }, required: ['status'] } })
  live() {
    return { status: 'live' };
  }

  /** 200 when PostgreSQL and Redis answer; 503 naming the one that does not. */
  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer' })
  @ApiOkResponse({ description: 'ready', schema: { type: 'object', additionalProperties: true } })
  @ApiServiceUnavailableResponse({ description: 'not ready: `detail` names what does not answer', schema: { type: 'object', additionalProperties: true } })
  async ready(@Res({ passthrough: true }) response: Response) {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ready') {
      response.status(503);
      return { ...readiness, detail: `not ready: ${failingChecks(readiness.checks)}` };
    }
    return readiness;
  }
}
