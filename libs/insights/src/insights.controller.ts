import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { InsightsResponse } from './dto/insights.response.js';
import { InsightsQueryDto } from './dto/insights-query.dto.js';
import { InsightsService } from './insights.service.js';

@ApiTags('insights')
@ApiKeyAuth()
@Controller('api/v1/insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /** Incidents per sector and week, NIS2 deadline adherence, acknowledgement of the caller's alerts per sector. */
  @Get()
  @Roles('analyst')
  @ApiOperation({ summary: 'Incidents per sector and week, deadline adherence, acknowledgement of the caller\'s alerts' })
  @ApiOkResponse({ type: InsightsResponse })
  @ApiProblemResponses(400, 403)
  get(@CurrentPrincipal() principal: Principal, @Query() query: InsightsQueryDto) {
    return this.insights.compute(principal, query.weeks ?? 12);
  }
}
