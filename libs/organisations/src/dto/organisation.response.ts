// The shapes GET /me, /tlp and /organisations answer, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@isac/auth';
import { TLP_LABELS } from '@isac/tlp';
import { SECTORS } from '../network-definition.js';

const KINDS = ['centre', 'sector-unit', 'member'];

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'harbour-energy' }) slug: string;
  @ApiProperty({ example: 'Harbour Energy' }) name: string;
  @ApiProperty({ enum: KINDS }) kind: string;
  @ApiProperty({ type: String, enum: [...SECTORS, null], nullable: true, description: 'null for the centre' }) sector: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the parent organisation's slug" }) parent: string | null;
  @ApiProperty({ example: 'identity--5a0d9b1e-8e0f-5d6b-9a63-3f1f0c1c2b11' }) stixIdentityId: string;
}

export class OrganisationDetailResponse extends OrganisationResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the STIX 2.1 identity object that stands for the organisation' })
  stixIdentity: Record<string, unknown>;
}

export class OrganisationListResponse {
  @ApiProperty({ type: [OrganisationResponse] }) organisations: OrganisationResponse[];
}

export class PrincipalOrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: KINDS }) kind: string;
  @ApiProperty({ type: String, enum: [...SECTORS, null], nullable: true }) sector: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

export class MeResponse {
  @ApiProperty({ type: PrincipalOrganisationResponse }) organisation: PrincipalOrganisationResponse;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ description: 'the public part of the key, as `keys list` shows it' }) keyPrefix: string;
}

export class MarkingRuleResponse {
  @ApiProperty({ enum: TLP_LABELS }) label: string;
  @ApiProperty({ description: 'who may read an item so marked' }) readers: string;
  @ApiProperty({ enum: ['any', 'named-organisations'] }) audience: string;
  @ApiProperty({ enum: ['anyone', 'network', 'own-members', 'never'], description: 'who a recipient may pass it on to' }) forwarding: string;
}

export class TlpRulesResponse {
  @ApiProperty({ type: [MarkingRuleResponse] }) markings: MarkingRuleResponse[];
}
