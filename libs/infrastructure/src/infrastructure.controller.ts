import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses, DomainError } from '@isac/problems';
import { DependencyGraphResponse, ReachResponse, RegisterEntryResponse, RegisterPageResponse } from './dto/infrastructure.response.js';
import { ReachQueryDto, RegisterEntryDto, RegisterQueryDto } from './dto/register-entry.dto.js';
import { InfrastructureService } from './infrastructure.service.js';
import { INFRASTRUCTURE_ERRORS } from './errors.js';

// a malformed id names no entry: the same answer as an unknown one
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(INFRASTRUCTURE_ERRORS.notFound, 'No register entry with this id.') });

@ApiTags('infrastructure')
@ApiKeyAuth()
@Controller('api/v1/infrastructure')
export class InfrastructureController {
  constructor(private readonly infrastructure: InfrastructureService) {}

  @Post()
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({ summary: "Add a critical service or asset to the caller's organisation's register (analyst)" })
  @ApiCreatedResponse({ type: RegisterEntryResponse, description: 'the new entry, with its id' })
  @ApiProblemResponses(400, 403, 413)
  register(@CurrentPrincipal() principal: Principal, @Body() dto: RegisterEntryDto) {
    return this.infrastructure.register(principal, dto);
  }

  @Get()
  @Roles('analyst')
  @ApiOperation({ summary: 'Register entries the caller may read under the TLP policy (analyst)' })
  @ApiOkResponse({ type: RegisterPageResponse })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: RegisterQueryDto) {
    return this.infrastructure.list(principal, query);
  }

  @Get('graph')
  @Roles('analyst')
  @ApiOperation({ summary: 'Dependency graph of the entries the caller may read, with single points of failure (analyst)' })
  @ApiOkResponse({ type: DependencyGraphResponse })
  @ApiProblemResponses(400, 403)
  graph(@CurrentPrincipal() principal: Principal, @Query() query: RegisterQueryDto) {
    return this.infrastructure.graph(principal, query);
  }

  @Get('reach')
  @Roles('analyst')
  @ApiOperation({
    summary:
      'Impact reach: the readable entries running a product (CPE 2.3 match string, NVD-style bounds) or depending on providers, ' +
        'by organisation and sector (analyst)',
  })
  @ApiOkResponse({ type: ReachResponse })
  @ApiProblemResponses(400, 403)
  reach(@CurrentPrincipal() principal: Principal, @Query() query: ReachQueryDto) {
    return this.infrastructure.reach(principal, query);
  }

  @Put(':id')
  @Roles('analyst')
  @ApiOperation({ summary: "Replace an entry of the caller's organisation's register (analyst); another organisation's entry is 403 if readable, else 404" })
  @ApiOkResponse({ type: RegisterEntryResponse, description: 'the entry as changed' })
  @ApiProblemResponses(400, 403, 404, 413)
  update(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: RegisterEntryDto) {
    return this.infrastructure.update(principal, id, dto);
  }

  @Delete(':id')
  @Roles('analyst')
  @ApiOperation({ summary: "Remove an entry of the caller's organisation's register (analyst); another organisation's entry is 403 if readable, else 404" })
  @ApiOkResponse({ type: RegisterEntryResponse, description: 'the entry as it was when removed' })
  @ApiProblemResponses(403, 404)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.infrastructure.remove(principal, id);
  }
}
