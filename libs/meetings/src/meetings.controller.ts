import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { AgendaService, type AgendaFormat } from './agendas/agenda.service.js';
import { EditAgendaDto } from './dto/agenda.dto.js';
import { CreateMeetingDto, CreateProposalDto, ListMeetingsQueryDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import {
  AgendaDraftResponse,
  AgendaResponse,
  MeetingDetailResponse,
  MeetingListResponse,
  MeetingResponse,
  ProposalListResponse,
  ProposalResponse,
  PublishedAgendaResponse,
} from './dto/meeting.response.js';
import { MeetingsService } from './meetings.service.js';

const ApiFileResponse = (type: string, what: string) => ApiOkResponse({ description: what, content: { [type]: { schema: { type: 'string' } } } });

@ApiTags('meetings')
@ApiKeyAuth()
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agendas: AgendaService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Plan a meeting (coordinator)' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiProblemResponses(400, 403, 413)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(principal, dto);
  }

  @Get()
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: "The meetings the caller's organisation coordinates or takes part in" })
  @ApiOkResponse({ type: MeetingListResponse })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMeetingsQueryDto) {
    return this.meetings.list(principal, query);
  }

  @Get(':id')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'One meeting, with its agenda where the caller may read it' })
  @ApiOkResponse({ type: MeetingDetailResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.meetings.get(principal, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Change a meeting, or mark it held (coordinator)' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(principal, id, dto);
  }

  @Get(':id/proposals')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: "The meeting's proposed agenda items the caller may read, and where each stands on the agenda" })
  @ApiOkResponse({ type: ProposalListResponse })
  @ApiProblemResponses(403, 404)
  proposals(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.meetings.proposals(principal, id);
  }

  @Post(':id/proposals')
  @Roles('analyst', 'coordinator')
  @ApiOperation({ summary: "Propose an agenda item (the meeting's participants, while it is a draft)" })
  @ApiCreatedResponse({ type: ProposalResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  propose(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: CreateProposalDto) {
    return this.meetings.propose(principal, id, dto);
  }

  @Post(':id/agenda/draft')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft the agenda from the period since the previous meeting (coordinator)' })
  @ApiOkResponse({ type: AgendaDraftResponse })
  @ApiProblemResponses(403, 404, 409)
  draft(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.agendas.draft(principal, id);
  }

  @Patch(':id/agenda')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Edit the drafted agenda: add, remove, move, time-box, restore items or accept a proposal (coordinator)' })
  @ApiOkResponse({ type: AgendaResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413, 422)
  edit(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: EditAgendaDto) {
    return this.agendas.edit(principal, id, dto.operations);
  }

  @Post(':id/publish')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the agenda to the participants as an advisory (coordinator)' })
  @ApiOkResponse({ type: PublishedAgendaResponse })
  @ApiProblemResponses(403, 404, 409, 422)
  publish(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.agendas.publish(principal, id);
  }

  @Get(':id/agenda.md')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'The agenda as Markdown' })
  @ApiProduces('text/markdown')
  @ApiFileResponse('text/markdown', 'the agenda')
  @ApiProblemResponses(403, 404)
  markdown(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'md', res);
  }

  @Get(':id/agenda.html')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'The agenda as printable HTML' })
  @ApiProduces('text/html')
  @ApiFileResponse('text/html', 'the agenda')
  @ApiProblemResponses(403, 404)
  html(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'html', res);
  }

  @Get(':id/meeting.ics')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'The meeting as an iCalendar event' })
  @ApiProduces('text/calendar')
  @ApiFileResponse('text/calendar', 'the meeting, with the agenda where the caller may read it')
  @ApiProblemResponses(403, 404)
  ics(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'ics', res);
  }

  private async send(principal: Principal, id: string, format: AgendaFormat, res: Response) {
    const file = await this.agendas.export(principal, id, format);
    res.status(200).setHeader('Content-Type', file.contentType).setHeader('Content-Disposition', `inline; filename="${file.filename}"`).send(file.body);
  }
}
