import { Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { BriefingSubscriptionResponse } from '../dto/meeting.response.js';
import { BriefingService } from './briefing.service.js';

/** An organisation opts in to (or out of) its daily briefing. */
@ApiTags('briefings')
@ApiKeyAuth()
@Controller('api/v1/briefings/subscription')
export class BriefingsController {
  constructor(private readonly briefings: BriefingService) {}

  @Get()
  @ApiProblemResponses(403)
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: "Whether the caller's organisation gets the daily briefing" })
  @ApiOkResponse({ type: BriefingSubscriptionResponse })
  status(@CurrentPrincipal() principal: Principal) {
    return this.briefings.status(principal);
  }

  @Put()
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Subscribe to the daily briefing (analyst or admin)' })
  @ApiOkResponse({ type: BriefingSubscriptionResponse })
  @ApiProblemResponses(403)
  subscribe(@CurrentPrincipal() principal: Principal) {
    return this.briefings.subscribe(principal);
  }

  @Delete()
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Unsubscribe from the daily briefing (analyst or admin)' })
  @ApiOkResponse({ type: BriefingSubscriptionResponse })
  @ApiProblemResponses(403)
  unsubscribe(@CurrentPrincipal() principal: Principal) {
    return this.briefings.unsubscribe(principal);
  }
}
