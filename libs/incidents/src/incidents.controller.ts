import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { requireStixMediaType } from '@isac/stix-store';
import { ListIncidentsDto } from './dto/list-incidents.dto.js';
import { IncidentQueriesService } from './incident-queries.service.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly queries: IncidentQueriesService,
  ) {}

  /** A report: 201 with the new case, or 200 for a follow-up (a later version of the same incident). */
  @Post()
  @Roles('reporter')
  @ApiConsumes('application/stix+json', 'application/json')
  @ApiQuery({ name: 'stage', required: false, enum: ['early-warning', 'notification', 'intermediate', 'progress', 'final'] })
  async file(
    @CurrentPrincipal() principal: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Query('stage') stage: string | undefined,
    @Body() bundle: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    requireStixMediaType(contentType);
    const filed = await this.incidents.file(principal, bundle, stage);
    res.status(filed.created ? 201 : 200);
    return { ...filed.case, report: filed.report };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListIncidentsDto) {
    return this.queries.list(principal, { ...query, since: query.since ? new Date(query.since) : undefined });
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.get(principal, id);
  }

  @Get(':id/bundle')
  async bundle(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bundle = await this.queries.bundle(principal, id);
    res.type('application/stix+json;version=2.1');
    return JSON.stringify(bundle);
  }

  /** The centre's initial feedback (NIS2 Art. 23(5)). */
  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('analyst')
  feedback(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.feedback(principal, id);
  }
}
