import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses, DomainError } from '@isac/problems';
import { MetricsService } from './metrics.service.js';
import { METRICS_ERRORS } from './errors.js';

@ApiTags('health')
@ApiKeyAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /**
   * Prometheus text format. The counts are network-wide (queues, backlogs, overdue incident
   * reports), so only keys of the centre, which runs the hub, may scrape them.
   */
  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Prometheus metrics (keys of the centre)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } })
  @ApiProblemResponses(403)
  @Header('Cache-Control', 'no-store')
  async scrape(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (principal.organisation.kind !== 'centre') throw new DomainError(METRICS_ERRORS.forbidden, 'Metrics are for keys of the centre, which runs the hub.');
    response.type(this.metrics.registry.contentType);
    return this.metrics.scrape();
  }
}
