import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, caseReadScope, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { ApiStixBundleBody, requireStixMediaType, STIX_MEDIA_TYPE, StixBundleSchema } from '@isac/stix-store';
import {
  CaseDetailResponse,
  CaseLinksResponse,
  CaseListResponse,
  CaseMessageResponse,
  CaseMessagesResponse,
  CaseResponse,
  FiledCaseResponse,
} from './dto/case.response.js';
import { CloseCaseDto, FeedbackDto, LinkCaseDto, PostMessageDto } from './dto/coordination.dto.js';
import { ListIncidentsDto } from './dto/list-incidents.dto.js';
import { IncidentCoordinationService } from './incident-coordination.service.js';
import { IncidentQueriesService } from './incident-queries.service.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiKeyAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly queries: IncidentQueriesService,
    private readonly coordination: IncidentCoordinationService,
  ) {}

  /** A report: 201 with the new case, or 200 for a follow-up (a later version of the same incident). */
  @Post()
  @Roles('reporter')
  @ApiOperation({ summary: 'Report an incident, or follow up on one, as a STIX 2.1 bundle (reporter)' })
  @ApiStixBundleBody()
  @ApiQuery({
    name: 'stage',
    required: false,
    enum: ['early-warning', 'notification', 'intermediate', 'progress', 'final'],
    description: 'the NIS2/DORA stage this report is; defaults to the next one',
  })
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
    // closed cases leave the active list unless asked for (issue 17)
    return this.queries.list(principal, {
      ...query,
      state: query.state ?? 'open',
      since: query.since ? new Date(query.since) : undefined,
      ...caseReadScope(principal),
    });
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

  /** The centre's feedback with its content (NIS2 Art. 23(5): the first stops the centre's clock). */
  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: "The centre's feedback on a case: guidance, an assessment or a severity reassessment, in Markdown (analyst of the centre)" })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblemResponses(400, 403, 404, 413)
  feedback(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: FeedbackDto) {
    return this.queries.feedback(principal, id, new Date(), { body: dto.body, kind: dto.kind });
  }

  @Get(':id/messages')
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: "The case's conversation, each message as its TLP lets the caller read it" })
  @ApiOkResponse({ type: CaseMessagesResponse })
  @ApiProblemResponses(403, 404)
  messages(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.messages(principal, id, caseReadScope(principal));
  }

  @Post(':id/messages')
  @Roles('analyst', 'reporter')
  @ApiOperation({
    summary: "A question, answer or request for assistance on the case, under a TLP no wider than the case's; delivered to the case's parties' inboxes",
  })
  @ApiCreatedResponse({ type: CaseMessageResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413, 422)
  postMessage(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: PostMessageDto) {
    return this.coordination.postMessage(principal, id, dto, caseReadScope(principal));
  }

  @Get(':id/links')
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: 'Cases linked to this one (shared indicator pattern, observable or attack pattern, or by hand) that the caller may read' })
  @ApiOkResponse({ type: CaseLinksResponse })
  @ApiProblemResponses(403, 404)
  links(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.queries.links(principal, id, caseReadScope(principal));
  }

  @Post(':id/links')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Link two cases the caller may read by hand (coordinator)' })
  @ApiOkResponse({ type: CaseLinksResponse })
  @ApiProblemResponses(400, 403, 404, 413)
  link(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: LinkCaseDto) {
    return this.coordination.linkByHand(principal, id, dto.caseId);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: 'Close the case (its reporter or the centre): with its final report filed, or with a reason' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  close(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: CloseCaseDto) {
    return this.coordination.close(principal, id, dto.reason, caseReadScope(principal));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('analyst', 'reporter')
  @ApiOperation({ summary: 'Reopen a closed case (its reporter or the centre)' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblemResponses(403, 404, 409)
  reopen(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.coordination.reopen(principal, id, caseReadScope(principal));
  }
}
