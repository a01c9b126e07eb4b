import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { DecisionDto, DeclareMajorIncidentDto, SectorStatusDto, SitrepDto, StandDownDto, TaskDto } from './dto/major-incident.dto.js';
import { MajorIncidentResponse, RoomLineResponse, StandDownResponse } from './dto/major-incident.response.js';
import { MajorIncidentsService } from './major-incidents.service.js';

@ApiTags('major incidents')
@ApiKeyAuth()
@Controller('api/v1/major-incidents')
export class MajorIncidentsController {
  constructor(private readonly rooms: MajorIncidentsService) {}

  @Post()
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: "Declare a major incident: a coordination room, and an alert to each concerned sector unit (the centre's analysts)" })
  @ApiCreatedResponse({ type: MajorIncidentResponse, description: 'the room, with its id' })
  @ApiProblemResponses(400, 403, 413)
  declare(@CurrentPrincipal() principal: Principal, @Body() dto: DeclareMajorIncidentDto) {
    return this.rooms.declare(principal, dto);
  }

  @Get(':id')
  @Roles('analyst')
  @ApiOperation({ summary: 'The room as the caller may read it: timeline, sitreps (missed ones flagged), status board, tasks, decisions (analyst)' })
  @ApiOkResponse({ type: MajorIncidentResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.rooms.get(principal, id);
  }

  @Post(':id/sitreps')
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: "A situation report, no less restrictive than the room (the centre's analysts)" })
  @ApiCreatedResponse({ type: RoomLineResponse, description: 'the timeline line' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  sitrep(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SitrepDto) {
    return this.rooms.sitrep(principal, id, dto);
  }

  @Put(':id/status')
  @Roles('analyst')
  @ApiOperation({ summary: "A concerned sector unit sets its own sector's state (analyst)" })
  @ApiOkResponse({ type: RoomLineResponse, description: 'the timeline line' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  status(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SectorStatusDto) {
    return this.rooms.setStatus(principal, id, dto);
  }

  @Post(':id/tasks')
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: 'A task for an organisation of the room (the centre or a concerned unit)' })
  @ApiCreatedResponse({ type: RoomLineResponse, description: 'the timeline line' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  task(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: TaskDto) {
    return this.rooms.addTask(principal, id, dto);
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: 'A decision taken (the centre or a concerned unit)' })
  @ApiCreatedResponse({ type: RoomLineResponse, description: 'the timeline line' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  decision(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: DecisionDto) {
    return this.rooms.addDecision(principal, id, dto);
  }

  @Post(':id/stand-down')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: "Stand down: close the room (the centre's analysts)" })
  @ApiOkResponse({ type: StandDownResponse, description: 'the closed room' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  standDown(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: StandDownDto) {
    return this.rooms.standDown(principal, id, dto);
  }

  @Get(':id/report.md')
  @Roles('analyst')
  @ApiOperation({ summary: 'The post-incident report as Markdown, a composed document under its own TLP label (analyst)' })
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'the report', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ApiProblemResponses(403, 404)
  async report(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    const file = await this.rooms.report(principal, id);
    res.status(200).setHeader('Content-Type', 'text/markdown; charset=utf-8').setHeader('Content-Disposition', `inline; filename="${file.filename}"`).setHeader('X-TLP', file.tlp).send(file.body);
  }
}
