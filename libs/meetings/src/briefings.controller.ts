import { Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { BriefingService } from './briefing.service.js';

/** An organisation opts in to (or out of) its daily briefing. */
@ApiTags('briefings')
@ApiBearerAuth()
@Controller('api/v1/briefings/subscription')
export class BriefingsController {
  constructor(private readonly briefings: BriefingService) {}

  @Get()
  status(@CurrentPrincipal() principal: Principal) {
    return this.briefings.status(principal);
  }

  @Put()
  @Roles('analyst', 'admin')
  subscribe(@CurrentPrincipal() principal: Principal) {
    return this.briefings.subscribe(principal);
  }

  @Delete()
  @Roles('analyst', 'admin')
  unsubscribe(@CurrentPrincipal() principal: Principal) {
    return this.briefings.unsubscribe(principal);
  }
}
