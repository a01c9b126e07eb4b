import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { StixStoreService } from './stix-store.service.js';
import { requireStixMediaType } from './stix-media-type.js';

@ApiTags('stix')
@ApiBearerAuth()
@Controller('api/v1/stix')
export class StixController {
  constructor(private readonly store: StixStoreService) {}

  /** A dry run: the validation report of any bundle (200 whether valid or not); nothing is stored. */
  @Post('validate')
  @HttpCode(200)
  @ApiConsumes('application/stix+json', 'application/json')
  validate(@Headers('content-type') contentType: string | undefined, @Body() bundle: unknown) {
    requireStixMediaType(contentType);
    return this.store.validate(bundle);
  }
}
