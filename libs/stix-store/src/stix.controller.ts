import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@isac/auth';
import { ApiProblemResponses } from '@isac/problems';
import { ApiStixBundleBody, ValidationReportSchema } from './dto/stix.schemas.js';
import { StixStoreService } from './stix-store.service.js';
import { requireStixMediaType } from './stix-media-type.js';

@ApiTags('stix')
@ApiKeyAuth()
@Controller('api/v1/stix')
export class StixController {
  constructor(private readonly store: StixStoreService) {}

  /** A dry run: the validation report of any bundle (200 whether valid or not); nothing is stored. */
  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a STIX 2.1 bundle without storing it' })
  @ApiStixBundleBody()
  @ApiOkResponse({ type: ValidationReportSchema, description: 'the report, whether the bundle is valid or not' })
  @ApiProblemResponses(400, 413, 415)
  validate(@CurrentPrincipal() principal: Principal, @Headers('content-type') contentType: string | undefined, @Body() bundle: unknown) {
    requireStixMediaType(contentType);
    // checked as the caller's own submission would be: against what its organisation holds and may read
    return this.store.validate(bundle, { orgId: principal.organisation.id });
  }
}
