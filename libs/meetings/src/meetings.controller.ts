import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { AgendaService, type AgendaFormat } from './agenda.service.js';
import { EditAgendaDto } from './dto/agenda.dto.js';
import { CreateMeetingDto, CreateProposalDto, ListMeetingsQueryDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { MeetingsService } from './meetings.service.js';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agendas: AgendaService,
  ) {}

  @Post()
  @Roles('coordinator')
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateMeetingDto) {
    return this.meetings.create(principal, dto);
  }

  @Get()
  @Roles('coordinator')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMeetingsQueryDto) {
    return this.meetings.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.meetings.get(principal, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(principal, id, dto);
  }

  @Post(':id/proposals')
  @Roles('analyst', 'coordinator')
  propose(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: CreateProposalDto) {
    return this.meetings.propose(principal, id, dto);
  }

  @Post(':id/agenda/draft')
  @Roles('coordinator')
  @HttpCode(200)
  draft(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.agendas.draft(principal, id);
  }

  @Patch(':id/agenda')
  @Roles('coordinator')
  edit(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: EditAgendaDto) {
    return this.agendas.edit(principal, id, dto.operations);
  }

  @Post(':id/publish')
  @Roles('coordinator')
  @HttpCode(200)
  publish(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.agendas.publish(principal, id);
  }

  @Get(':id/agenda.md')
  markdown(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'md', res);
  }

  @Get(':id/agenda.html')
  html(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'html', res);
  }

  @Get(':id/meeting.ics')
  ics(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    return this.send(principal, id, 'ics', res);
  }

  private async send(principal: Principal, id: string, format: AgendaFormat, res: Response) {
    const file = await this.agendas.export(principal, id, format);
    res.status(200).setHeader('Content-Type', file.contentType).setHeader('Content-Disposition', `inline; filename="${file.filename}"`).send(file.body);
  }
}
