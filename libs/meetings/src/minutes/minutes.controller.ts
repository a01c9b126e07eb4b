import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { ActionResponse, DecisionResponse, MinutesResponse } from '../dto/meeting.response.js';
import { RecordActionDto, RecordDecisionDto, UpdateActionDto } from '../dto/minutes.dto.js';
import { MinutesService } from './minutes.service.js';

@ApiTags('meetings')
@ApiKeyAuth()
@Controller('api/v1/meetings/:id/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: "The meeting's decisions and actions" })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.minutes.get(principal, id);
  }

  @Post('decisions')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a decision on an agenda item (coordinator)' })
  @ApiCreatedResponse({ type: DecisionResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: RecordDecisionDto) {
    return this.minutes.recordDecision(principal, id, dto);
  }

  @Post('actions')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record an action with an owner and a due date (coordinator)' })
  @ApiCreatedResponse({ type: ActionResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  act(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: RecordActionDto) {
    return this.minutes.recordAction(principal, id, dto);
  }

  @Patch('actions/:actionId')
  @Roles('coordinator')
  @ApiOperation({ summary: "Change an action's status (coordinator)" })
  @ApiOkResponse({ type: ActionResponse })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('actionId') actionId: string, @Body() dto: UpdateActionDto) {
    return this.minutes.updateAction(principal, id, actionId, dto.status);
  }
}
