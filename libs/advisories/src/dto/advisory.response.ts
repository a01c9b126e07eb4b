// What the advisories and inbox routes answer (advisory-view.ts, the services), for the OpenAPI document.
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import { TLP_LABELS } from '@isac/tlp';
import { SEVERITIES } from '../advisory.types.js';

/**
 * An object or null, as OpenAPI 3.0 says it: `nullable` widens only a `type` of its own schema, so
 * `{ nullable, allOf: [$ref] }` (what `{ type: Class, nullable: true }` gives) still refuses null.
 */
function nullableRef(model: Function, description?: string): ApiPropertyOptions {
  return { description, anyOf: [{ $ref: getSchemaPath(model) }, { type: 'object', nullable: true, enum: [null] }] } as ApiPropertyOptions;
}

export class OrganisationRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'energy', description: 'null if the organisation is no longer in the network' }) slug: string | null;
}

export class ProductTargetResponse {
  @ApiProperty({ example: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*' }) cpe: string;
  @ApiPropertyOptional() versionStartIncluding?: string;
  @ApiPropertyOptional() versionStartExcluding?: string;
  @ApiPropertyOptional() versionEndIncluding?: string;
  @ApiPropertyOptional() versionEndExcluding?: string;
}

/** The audience as the author wrote it. */
export class AdvisoryAudienceResponse {
  @ApiPropertyOptional({ description: 'every organisation of the network' }) all?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['energy'] }) sectors?: string[];
  @ApiPropertyOptional({ type: [String], example: ['health'], description: 'organisations by slug' }) organisations?: string[];
  @ApiPropertyOptional({ type: [ProductTargetResponse], description: 'organisations whose registers run a matching product' })
  products?: ProductTargetResponse[];
  @ApiPropertyOptional({ type: [String], example: ['fabrikam'], description: 'organisations whose registers depend on these providers' }) dependsOn?: string[];
}

/** One entry of the reader's own register a targeted audience matched (issue 18). */
export class AdvisoryMatchResponse {
  @ApiProperty({ example: 'Grid control remote access', description: "the entry's name in the reader's register" }) entry: string;
  @ApiProperty({
    type: [String],
    example: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*'],
    description: 'products it runs that a match string covers',
  })
  products: string[];
  @ApiProperty({ type: [String], example: ['fabrikam'], description: 'providers it depends on that the audience named' }) dependsOn: string[];
}

export class AdvisoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['advisory', 'alert'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ enum: TLP_LABELS, example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty({ type: AdvisoryAudienceResponse }) audience: AdvisoryAudienceResponse;
  @ApiProperty({ type: OrganisationRefResponse }) author: OrganisationRefResponse;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'attached STIX 2.1 objects; empty if none' })
  stix: object[];
  @ApiProperty({ description: 'alerts: the recipients are asked to acknowledge it' }) requiresAck: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ackDeadline: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'true when an exercise created it (issue 19): not a real advisory' }) exercise: boolean;
  @ApiPropertyOptional({
    type: [AdvisoryMatchResponse],
    description:
      'only to an organisation a products/dependsOn audience exposed: what of its own register matched, recorded at publication; nobody else sees it',
  })
  matched?: AdvisoryMatchResponse[];
}

export class WebhookPushResponse {
  @ApiProperty({ enum: ['pending', 'delivered', 'dead-lettered'] }) state: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
}

/** One recipient's receipt, shown to the author only. */
@ApiExtraModels(OrganisationRefResponse, WebhookPushResponse)
export class ReceiptResponse {
  @ApiProperty({ type: OrganisationRefResponse }) organisation: OrganisationRefResponse;
  @ApiProperty(nullableRef(OrganisationRefResponse, 'the recipient that forwarded it; null when routed from the audience'))
  forwardedBy: OrganisationRefResponse | null;
  @ApiProperty({ format: 'date-time' }) deliveredAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'an unacknowledged alert past its deadline was escalated' }) escalatedAt:
    string | null;
  @ApiProperty(nullableRef(WebhookPushResponse, 'null when the recipient had no webhook')) webhook: WebhookPushResponse | null;
}

export class UnnamedReceiptsResponse {
  @ApiProperty() delivered: number;
  @ApiProperty() read: number;
  @ApiProperty() acknowledged: number;
}

export class ExposureResponse {
  @ApiProperty({ description: 'organisations whose registers matched' }) matchedOrganisations: number;
  @ApiProperty({ type: UnnamedReceiptsResponse, description: 'recipients in registers the author may not read: counted, not named' })
  unnamedReceipts: UnnamedReceiptsResponse;
}

export class AdvisoryDetailResponse extends AdvisoryResponse {
  @ApiPropertyOptional({ description: 'author only: every inbox entry is written' }) routed?: boolean;
  @ApiPropertyOptional({
    type: [ReceiptResponse],
    description: 'author only: the receipts of every recipient (a targeted audience: those the author may name)',
  })
  receipts?: ReceiptResponse[];
  @ApiPropertyOptional({ type: ExposureResponse, description: 'author only, for a products/dependsOn audience' }) exposure?: ExposureResponse;
}

export class AdvisoryPageResponse {
  @ApiProperty({ type: [AdvisoryResponse] }) advisories: AdvisoryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' }) next: string | null;
}

export class ForwardedToResponse {
  @ApiProperty({ type: OrganisationRefResponse }) organisation: OrganisationRefResponse;
}

export class ForwardResultResponse {
  @ApiProperty({ type: [ForwardedToResponse] }) forwarded: ForwardedToResponse[];
  @ApiProperty({ type: 'integer', description: 'inbox entries written; organisations that had it already get none' }) newDeliveries: number;
}

export class WebhookResponse {
  @ApiProperty({ example: 'energy', description: "the organisation's slug" }) organisation: string;
  @ApiProperty({ example: 'https://soc.example/isac-hook' }) url: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

@ApiExtraModels(OrganisationRefResponse)
export class InboxEntryResponse {
  @ApiProperty({ format: 'uuid', description: "the advisory's id: unique within one organisation's inbox" }) id: string;
  @ApiProperty({ type: AdvisoryResponse }) advisory: AdvisoryResponse;
  @ApiProperty(nullableRef(OrganisationRefResponse, 'the recipient that forwarded it; null when routed from the audience'))
  forwardedBy: OrganisationRefResponse | null;
  @ApiProperty({ format: 'date-time' }) deliveredAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
}

export class InboxPageResponse {
  @ApiProperty({ type: [InboxEntryResponse] }) entries: InboxEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' }) next: string | null;
}

/** The receipt of an inbox entry after read or ack. */
export class InboxReceiptResponse {
  @ApiProperty({ format: 'uuid', description: "the entry's id (its advisory's)" }) id: string;
  @ApiProperty({ format: 'uuid' }) advisoryId: string;
  @ApiProperty({
    description: 'whether the advisory asks for acknowledgement; an ack of one that does not only marks the entry read (acknowledgedAt stays null)',
  })
  requiresAck: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
}
