import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, CurrentPrincipal, type Principal, Roles } from '@isac/auth';
import { ApiProblemResponses, DomainError } from '@isac/problems';
import { AdvisoryDetailResponse, AdvisoryPageResponse, AdvisoryResponse, ForwardResultResponse, WebhookResponse } from './dto/advisory.response.js';
import { AdvisoriesService } from './advisories.service.js';
import { ForwardAdvisoryDto } from './dto/forward.dto.js';
import { ListAdvisoriesQueryDto } from './dto/list-query.dto.js';
import { PublishAdvisoryDto, PublishAlertDto } from './dto/publish-advisory.dto.js';
import { PutWebhookDto } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';
import { ADVISORY_ERRORS } from './errors.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ADVISORY_ERRORS.notFound, 'No advisory with this id.') });

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new DomainError(ADVISORY_ERRORS.invalid, 'The Idempotency-Key header must be 1-200 visible ASCII characters.', [
      { pointer: '/headers/idempotency-key', detail: 'invalid' },
    ]);
  }
  return header;
}

@ApiTags('advisories')
@ApiKeyAuth()
@Controller('api/v1')
export class AdvisoriesController {
  constructor(
    private readonly advisories: AdvisoriesService,
    private readonly webhooks: WebhooksService,
  ) {}

  /** 201 with the new advisory, or 200 for a retry with the same Idempotency-Key and body. */
  @Post('advisories')
  @Roles('analyst')
  @ApiOperation({ summary: 'Publish an advisory to an audience of the network (analyst)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key and body answers the first one (200); with another body, 409',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiCreatedResponse({ type: AdvisoryResponse, description: 'the new advisory; routing to the inbox entries follows' })
  @ApiOkResponse({ type: AdvisoryResponse, description: 'a replay: the advisory already published with this Idempotency-Key and body' })
  @ApiProblemResponses(400, 403, 409, 413)
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: PublishAdvisoryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, advisory } = await this.advisories.publish(principal, dto, { idempotencyKey: idempotencyKey(key) });
    res.status(created ? 201 : 200);
    return advisory;
  }

  @Post('alerts')
  @Roles('analyst')
  @ApiOperation({ summary: 'Issue an alert, with an acknowledgement deadline (analyst of the centre)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key and body answers the first one (200); with another body, 409',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiCreatedResponse({ type: AdvisoryResponse, description: 'the new alert; routing to the inbox entries follows' })
  @ApiOkResponse({ type: AdvisoryResponse, description: 'a replay: the alert already issued with this Idempotency-Key and body' })
  @ApiProblemResponses(400, 403, 409, 413)
  async alert(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: PublishAlertDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, advisory } = await this.advisories.publishAlert(principal, dto, idempotencyKey(key));
    res.status(created ? 201 : 200);
    return advisory;
  }

  @Get('advisories')
  @Roles('analyst')
  @ApiOperation({ summary: 'The advisories and alerts the caller may read, newest first, a page at a time' })
  @ApiOkResponse({ type: AdvisoryPageResponse })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAdvisoriesQueryDto) {
    return this.advisories.list(principal, query);
  }

  @Get('advisories/:id')
  @Roles('analyst')
  @ApiOperation({ summary: 'One advisory or alert; its author also sees the receipts of every recipient' })
  @ApiOkResponse({ type: AdvisoryDetailResponse })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.advisories.get(principal, id);
  }

  @Post('advisories/:id/forward')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Forward an advisory the caller received to other organisations, within the TLP rules (analyst)' })
  @ApiOkResponse({ type: ForwardResultResponse })
  @ApiProblemResponses(400, 403, 404, 413)
  forward(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: ForwardAdvisoryDto) {
    return this.advisories.forward(principal, id, dto.organisations);
  }

  @Put('organisations/:slug/webhook')
  @Roles('admin')
  @ApiOperation({ summary: "Set an organisation's webhook, to which its inbox entries are pushed (admin of it or of the centre)" })
  @ApiOkResponse({ type: WebhookResponse, description: 'the webhook as set; the secret is never answered' })
  @ApiProblemResponses(400, 403, 404, 413, 422)
  putWebhook(@CurrentPrincipal() principal: Principal, @Param('slug') slug: string, @Body() dto: PutWebhookDto) {
    return this.webhooks.configure(principal, slug, dto);
  }
}
