import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { RecordActionDto, RecordDecisionDto, UpdateActionDto } from './dto/minutes.dto.js';
import { MinutesService } from './minutes.service.js';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings/:id/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.minutes.get(principal, id);
  }

  @Post('decisions')
  @Roles('coordinator')
  decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: RecordDecisionDto) {
    return this.minutes.recordDecision(principal, id, dto);
  }

  @Post('actions')
  @Roles('coordinator')
  act(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: RecordActionDto) {
    return this.minutes.recordAction(principal, id, dto);
  }

  @Patch('actions/:actionId')
  @Roles('coordinator')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('actionId') actionId: string, @Body() dto: UpdateActionDto) {
    return this.minutes.updateAction(principal, id, actionId, dto.status);
  }
}
