import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { AgendaVersionsService } from './agenda-versions.service.js';
import { EditAgendaDto, PublishCorrectionDto } from '../dto/agenda.dto.js';
import { AgendaCorrectionResponse, AgendaVersionListResponse, DiscardedCorrectionResponse, PublishedCorrectionResponse } from '../dto/meeting.response.js';

/** A published agenda's versions, and the correction that becomes the next one (issue 17). */
@ApiTags('meetings')
@ApiKeyAuth()
@Controller('api/v1/meetings')
export class AgendaVersionsController {
  constructor(private readonly versions: AgendaVersionsService) {}

  @Post(':id/agenda/correction')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a correction of the published agenda: a copy of the current version to edit (coordinator)' })
  @ApiOkResponse({ type: AgendaCorrectionResponse, description: 'the correction (an open one is returned as it stands)' })
  @ApiProblemResponses(403, 404, 409)
  start(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.versions.startCorrection(principal, id);
  }

  @Patch(':id/agenda/correction')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Edit the open correction: the same operations as the draft (coordinator)' })
  @ApiOkResponse({ type: AgendaCorrectionResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413, 422)
  edit(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: EditAgendaDto) {
    return this.versions.editCorrection(principal, id, dto.operations);
  }

  @Delete(':id/agenda/correction')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Discard the open correction; the current version stays (coordinator)' })
  @ApiOkResponse({ type: DiscardedCorrectionResponse })
  @ApiProblemResponses(403, 404, 409)
  discard(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.versions.discardCorrection(principal, id);
  }

  @Post(':id/agenda/versions')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Publish the open correction as the next version, to the same participants as an advisory (coordinator)' })
  @ApiCreatedResponse({ type: PublishedCorrectionResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413, 422)
  publish(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: PublishCorrectionDto) {
    return this.versions.publishCorrection(principal, id, dto.note);
  }

  @Get(':id/agenda/versions')
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: "Every published version of the agenda the caller may read, the current one marked, with what each correction changed" })
  @ApiOkResponse({ type: AgendaVersionListResponse })
  @ApiProblemResponses(403, 404)
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.versions.versions(principal, id);
  }
}
