import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { markingRules } from '@isac/tlp';
import { CreateOrganisationDto } from './dto/create-organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return { organisation: principal.organisation, roles: principal.roles, keyPrefix: principal.keyPrefix };
  }

  /** What each TLP marking means in this network: readers, audience and forwarding (DESIGN §2), from the policy. */
  @Get('tlp')
  tlp() {
    return { markings: markingRules() };
  }

  @Get('organisations')
  async list() {
    return { organisations: await this.organisations.list() };
  }

  @Get('organisations/:slug')
  get(@Param('slug') slug: string) {
    return this.organisations.get(slug);
  }

  @Post('organisations')
  @HttpCode(201)
  @Roles('admin')
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateOrganisationDto) {
    return this.organisations.addMember(principal, dto);
  }
}
