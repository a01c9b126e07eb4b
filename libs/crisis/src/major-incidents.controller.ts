import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Put, Res, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { AttachCasesDto, DecisionDto, DeclareMajorIncidentDto, SectorStatusDto, SitrepDto, StandDownDto, TaskDto } from './dto/major-incident.dto.js';
import { MajorIncidentResponse, MajorIncidentSummaryListResponse, RoomLineResponse, StandDownResponse } from './dto/major-incident.response.js';
import { MajorIncidentsService } from './major-incidents.service.js';
import { PostIncidentService, type ReportFormat } from './post-incident.service.js';

/**
 * What every write to a room shares: an analyst's call, a body checked at the edge, the room as the
 * caller may read it (404 otherwise), a timeline line (201) or the closed room (200) as the answer.
 */
function RoomWrite(summary: string, answer: { status: 200 | 201; type: Type<unknown>; description: string }) {
  const response = answer.status === 201 ? ApiCreatedResponse : ApiOkResponse;
  return applyDecorators(
    HttpCode(answer.status),
    Roles('analyst'),
    ApiOperation({ summary }),
    response({ type: answer.type, description: answer.description }),
    ApiProblemResponses(400, 403, 404, 409, 413, 422),
  );
}
const LINE = { status: 201, type: RoomLineResponse, description: 'the timeline line' } as const;

const REPORT_TYPES: Record<ReportFormat, string> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' };

@ApiTags('major incidents')
@ApiKeyAuth()
@Controller('api/v1/major-incidents')
export class MajorIncidentsController {
  constructor(
    private readonly rooms: MajorIncidentsService,
    private readonly postIncident: PostIncidentService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: "Declare a major incident: a coordination room, and an alert to each concerned sector unit (the centre's analysts)" })
  @ApiCreatedResponse({ type: MajorIncidentResponse, description: 'the room, with its id' })
  @ApiProblemResponses(400, 403, 413)
  declare(@CurrentPrincipal() principal: Principal, @Body() dto: DeclareMajorIncidentDto) {
    return this.rooms.declare(principal, dto);
  }

  @Get()
  @Roles('analyst')
  @ApiOperation({ summary: 'The rooms the caller may read, newest first: open ones, then those stood down (analyst)' })
  @ApiOkResponse({ type: MajorIncidentSummaryListResponse })
  @ApiProblemResponses(403)
  list(@CurrentPrincipal() principal: Principal) {
    return this.rooms.list(principal);
  }

  @Get(':id')
  @Roles('analyst')
  @ApiOperation({ summary: 'The room as the caller may read it: timeline, sitreps (missed ones flagged), status board, tasks, decisions (analyst)' })
  @ApiOkResponse({ type: MajorIncidentResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.rooms.get(principal, id);
  }

  @Post(':id/cases')
  @RoomWrite("Attach incident cases of any sector to the open room (the centre's analysts); each reader sees only the cases it may read", {
    status: 200,
    type: MajorIncidentResponse,
    description: 'the room as the centre reads it, with its linked cases',
  })
  attachCases(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: AttachCasesDto) {
    return this.rooms.attachCases(principal, id, dto);
  }

  @Post(':id/sitreps')
  @RoomWrite("A situation report, no less restrictive than the room (the centre's analysts)", LINE)
  sitrep(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SitrepDto) {
    return this.rooms.sitrep(principal, id, dto);
  }

  @Put(':id/status')
  @RoomWrite("A concerned sector unit sets its own sector's state (analyst)", { ...LINE, status: 200 })
  status(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SectorStatusDto) {
    return this.rooms.setStatus(principal, id, dto);
  }

  @Post(':id/tasks')
  @RoomWrite('A task for an organisation of the room (the centre or a concerned unit)', LINE)
  task(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: TaskDto) {
    return this.rooms.addTask(principal, id, dto);
  }

  @Post(':id/decisions')
  @RoomWrite('A decision taken (the centre or a concerned unit)', LINE)
  decision(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: DecisionDto) {
    return this.rooms.addDecision(principal, id, dto);
  }

  @Post(':id/stand-down')
  @RoomWrite("Stand down: close the room and draft the next network meeting's item about it (the centre's analysts)", {
    status: 200,
    type: StandDownResponse,
    description: 'the closed room',
  })
  standDown(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: StandDownDto) {
    return this.postIncident.standDown(principal, id, dto);
  }

  @Get(':id/report.md')
  @Roles('analyst')
  @ApiOperation({ summary: 'The post-incident report as Markdown, a composed document under its own TLP label (analyst)' })
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'the report', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ApiProblemResponses(403, 404)
  reportMarkdown(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.sendReport(principal, id, 'md', res);
  }

  @Get(':id/report.html')
  @Roles('analyst')
  @ApiOperation({ summary: 'The post-incident report as an HTML page (everything escaped), under the same TLP label as the Markdown (analyst)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the report', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblemResponses(403, 404)
  reportHtml(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.sendReport(principal, id, 'html', res);
  }

  private async sendReport(principal: Principal, id: string, format: ReportFormat, res: Response): Promise<void> {
    const file = await this.postIncident.report(principal, id, format);
    res
      .status(200)
      .setHeader('Content-Type', REPORT_TYPES[format])
      .setHeader('Content-Disposition', `inline; filename="${file.filename}"`)
      .setHeader('X-TLP', file.tlp);
    res.send(file.body);
  }
}
