import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { DomainError } from '@isac/problems';
import { AdvisoriesService } from './advisories.service.js';
import { ForwardAdvisoryDto } from './dto/forward.dto.js';
import { ListAdvisoriesQueryDto } from './dto/list-query.dto.js';
import { PublishAdvisoryDto, PublishAlertDto } from './dto/publish-advisory.dto.js';
import { PutWebhookDto } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('ADVISORY.NOT_FOUND', 'No advisory with this id.') });

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new DomainError('ADVISORY.INVALID', 'The Idempotency-Key header must be 1-200 visible ASCII characters.', [{ pointer: '/headers/idempotency-key', detail: 'invalid' }]);
  }
  return header;
}

@ApiTags('advisories')
@ApiBearerAuth()
@Controller('api/v1')
export class AdvisoriesController {
  constructor(
    private readonly advisories: AdvisoriesService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Post('advisories')
  @Roles('analyst')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async publish(@CurrentPrincipal() principal: Principal, @Body() dto: PublishAdvisoryDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { created, advisory } = await this.advisories.publish(principal, dto, { idempotencyKey: idempotencyKey(key) });
    res.status(created ? 201 : 200);
    return advisory;
  }

  @Post('alerts')
  @Roles('analyst')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async alert(@CurrentPrincipal() principal: Principal, @Body() dto: PublishAlertDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { created, advisory } = await this.advisories.publishAlert(principal, dto, idempotencyKey(key));
    res.status(created ? 201 : 200);
    return advisory;
  }

  @Get('advisories')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAdvisoriesQueryDto) {
    return this.advisories.list(principal, query);
  }

  @Get('advisories/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.advisories.get(principal, id);
  }

  @Post('advisories/:id/forward')
  @HttpCode(200)
  @Roles('analyst')
  forward(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ForwardAdvisoryDto) {
    return this.advisories.forward(principal, id, dto.organisations);
  }

  @Put('organisations/:slug/webhook')
  @Roles('admin')
  putWebhook(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @Body() dto: PutWebhookDto) {
    return this.webhooks.configure(principal, slug, dto);
  }
}
