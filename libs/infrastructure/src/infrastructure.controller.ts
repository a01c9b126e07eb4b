import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses, DomainError } from '@isac/problems';
import { ApiStixBundleBody, requireStixMediaType, STIX_MEDIA_TYPE, StixBundleSchema } from '@isac/stix-store';
import { DependencyGraphResponse, ReachResponse, RegisterEntryResponse, RegisterImportResponse, RegisterPageResponse } from './dto/infrastructure.response.js';
import { ReachQueryDto, RegisterEntryDto, RegisterQueryDto } from './dto/register-entry.dto.js';
import { InfrastructureStixService } from './infrastructure-stix.service.js';
import { InfrastructureService } from './infrastructure.service.js';
import { INFRASTRUCTURE_ERRORS } from './errors.js';

// a malformed id names no entry: the same answer as an unknown one
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(INFRASTRUCTURE_ERRORS.notFound, 'No register entry with this id.') });

@ApiTags('infrastructure')
@ApiKeyAuth()
@Controller('api/v1/infrastructure')
export class InfrastructureController {
  constructor(
    private readonly infrastructure: InfrastructureService,
    private readonly stix: InfrastructureStixService,
  ) {}

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

  @Get('stix')
  @Roles('analyst')
  @ApiOperation({
    summary:
      'The register entries the caller may read (as GET /infrastructure) as a STIX 2.1 bundle: infrastructure, software (CPE), ' +
      'consists-of / related-to relationships, identities, TLP markings (analyst)',
  })
  @ApiOkResponse({
    content: {
      [STIX_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(StixBundleSchema) } },
      'application/json': { schema: { $ref: getSchemaPath(StixBundleSchema) } },
    },
  })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: 'application/stix+json;version=2.1 (the default), or application/json alone for a plain JSON content type',
  })
  @ApiExtraModels(StixBundleSchema)
  @ApiProblemResponses(400, 403)
  async stixBundle(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RegisterQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const bundle = await this.stix.bundle(principal, query);
    // STIX 2.1 §1.6.1: STIX content is application/stix+json; a client asking for plain JSON only gets that
    res.type(/application\/json/i.test(accept ?? '') && !/stix\+json|\*\/\*/i.test(accept ?? '') ? 'application/json' : STIX_MEDIA_TYPE);
    return JSON.stringify(bundle);
  }

  @Post('stix')
  @HttpCode(201)
  @Roles('analyst')
  @ApiOperation({
    summary:
      "Add the infrastructure objects of a STIX 2.1 bundle to the caller's organisation's register, all or none (analyst); " +
      'objects authored by another organisation of the network are refused',
  })
  @ApiStixBundleBody()
  @ApiCreatedResponse({ type: RegisterImportResponse, description: 'the new entries, each with the infrastructure object it came from' })
  @ApiProblemResponses(400, 403, 413, 415, 422)
  importStix(@CurrentPrincipal() principal: Principal, @Headers('content-type') contentType: string | undefined, @Body() bundle: unknown) {
    requireStixMediaType(contentType);
    return this.stix.importBundle(principal, bundle);
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
