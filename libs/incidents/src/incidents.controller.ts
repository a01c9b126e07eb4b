import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, caseReadScope, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { ApiStixBundleBody, requireStixMediaType, STIX_MEDIA_TYPE, StixBundleSchema } from '@isac/stix-store';
import { CaseDetailResponse, CaseListResponse, CaseResponse, FiledCaseResponse } from './dto/case.response.js';
import { ListIncidentsDto } from './dto/list-incidents.dto.js';
import { IncidentQueriesService } from './incident-queries.service.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiKeyAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly queries: IncidentQueriesService,
  ) {}

  /** A report: 201 with the new case, or 200 for a follow-up (a later version of the same incident). */
  @Post()
  @Roles('reporter')
  @ApiOperation({ summary: 'Report an incident, or follow up on one, as a STIX 2.1 bundle (reporter)' })
  @ApiStixBundleBody()
  @ApiQuery({ name: 'stage', required: false, enum: ['early-warning', 'notification', 'intermediate', 'progress', 'final'], description: 'the NIS2/DORA stage this report is; defaults to the next one' })
  @ApiCreatedResponse({ type: FiledCaseResponse, description: 'a new case' })
  @ApiOkResponse({ type: FiledCaseResponse, description: 'a follow-up: a later version of an incident already reported' })
  @ApiProblemResponses(400, 403, 409, 413, 415, 422)
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
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: "The cases the caller may read, newest first, a page at a time (analyst; a reporter: its own organisation's)" })
  @ApiOkResponse({ type: CaseListResponse })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListIncidentsDto) {
    return this.queries.list(principal, { ...query, since: query.since ? new Date(query.since) : undefined, ...caseReadScope(principal) });
  }

  @Get(':id')
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: 'One case with its deadlines and timeline' })
  @ApiOkResponse({ type: CaseDetailResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.get(principal, id, caseReadScope(principal));
  }

  @Get(':id/bundle')
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: "The case's current STIX objects, as a bundle the caller may read" })
  @ApiOkResponse({ content: { [STIX_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(StixBundleSchema) } } } })
  @ApiExtraModels(StixBundleSchema)
  @ApiProblemResponses(403, 404)
  async bundle(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const bundle = await this.queries.bundle(principal, id, caseReadScope(principal));
    res.type('application/stix+json;version=2.1');
    return JSON.stringify(bundle);
  }

  /** The centre's initial feedback (NIS2 Art. 23(5)). */
  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: "Record the centre's initial feedback on a case (analyst of the centre)" })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblemResponses(403, 404)
  feedback(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.feedback(principal, id);
  }
}
