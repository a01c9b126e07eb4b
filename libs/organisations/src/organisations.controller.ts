import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { markingRules } from '@isac/tlp';
import { CreateOrganisationDto } from './dto/create-organisation.dto.js';
import { MeResponse, OrganisationDetailResponse, OrganisationListResponse, OrganisationResponse, TlpRulesResponse } from './dto/organisation.response.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiKeyAuth()
@Controller('api/v1')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('me')
  @ApiOperation({ summary: "The caller's organisation, roles and key prefix" })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentPrincipal() principal: Principal) {
    return { organisation: principal.organisation, roles: principal.roles, keyPrefix: principal.keyPrefix };
  }

  /** What each TLP marking means in this network: readers, audience and forwarding (DESIGN §2), from the policy. */
  @Get('tlp')
  @ApiOperation({ summary: 'What each TLP marking means in this network' })
  @ApiOkResponse({ type: TlpRulesResponse })
  tlp() {
    return { markings: markingRules() };
  }

  @Get('organisations')
  @ApiOperation({ summary: 'The organisations of the network: centre, sector units, members' })
  @ApiOkResponse({ type: OrganisationListResponse })
  async list() {
    return { organisations: await this.organisations.list() };
  }

  @Get('organisations/:slug')
  @ApiOperation({ summary: 'One organisation, with its STIX identity' })
  @ApiOkResponse({ type: OrganisationDetailResponse })
  @ApiProblemResponses(404)
  get(@Param('slug') slug: string) {
    return this.organisations.get(slug);
  }

  @Post('organisations')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Add a member organisation under a sector unit (admin)' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOrganisationDto) {
    return this.organisations.addMember(principal, dto);
  }
}
