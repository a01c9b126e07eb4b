import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@isac/auth';
import { InsightsQueryDto } from './dto/insights-query.dto.js';
import { InsightsService } from './insights.service.js';

@ApiTags('insights')
@ApiBearerAuth()
@Controller('api/v1/insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /** Incidents per sector and week, NIS2 deadline adherence, acknowledgement of the caller's alerts per sector. */
  @Get()
  get(@CurrentPrincipal() principal: Principal, @Query() query: InsightsQueryDto) {
    return this.insights.compute(principal, query.weeks ?? 12);
  }
}
