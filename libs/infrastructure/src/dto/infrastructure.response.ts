// What the infrastructure routes answer (infrastructure.service.ts, graph.ts), for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TLP_LABELS } from '@isac/tlp';
import { ASSET_KINDS, CRITICALITIES } from '../register.types.js';

export class EntryOrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'litware' }) slug: string | null;
}

export class RegisterEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: EntryOrganisationResponse }) organisation: EntryOrganisationResponse;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ASSET_KINDS }) kind: string;
  @ApiProperty({ enum: CRITICALITIES }) criticality: string;
  @ApiProperty({ type: [String] }) products: string[];
  @ApiProperty({ type: [String], description: 'slugs, or external:<supplier name> (lowercased)' }) dependsOn: string[];
  @ApiProperty({ enum: TLP_LABELS }) tlp: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RegisterPageResponse {
  @ApiProperty({ type: [RegisterEntryResponse] }) entries: RegisterEntryResponse[];
}

export class ImportedEntryResponse extends RegisterEntryResponse {
  @ApiProperty({ example: 'infrastructure--0f2a…', description: 'the id of the infrastructure object the entry was made from' }) source: string;
}

export class BundleWarningResponse {
  @ApiProperty({ example: 'STIX.UUID_VERSION' }) code: string;
  @ApiProperty() pointer: string;
  @ApiProperty() detail: string;
}

export class RegisterImportResponse {
  @ApiProperty({ type: [ImportedEntryResponse] }) entries: ImportedEntryResponse[];
  @ApiProperty({ type: [BundleWarningResponse], description: "the STIX validator's warnings on the bundle" }) warnings: BundleWarningResponse[];
}

export class GraphNodeResponse {
  @ApiProperty({ example: 'org:litware' }) id: string;
  @ApiProperty({ enum: ['organisation', 'external', 'entry'] }) type: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ description: 'entries: the slug of the organisation holding it' }) organisation?: string;
  @ApiPropertyOptional({ enum: CRITICALITIES }) criticality?: string;
}

export class GraphEdgeResponse {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['holds', 'depends-on'] }) type: string;
}

export class SinglePointOfFailureResponse {
  @ApiProperty({ example: 'fabrikam' }) provider: string;
  @ApiProperty() criticalDependents: number;
  @ApiProperty({ type: [String] }) organisations: string[];
  @ApiProperty({ type: [String] }) entries: string[];
}

export class DependencyGraphResponse {
  @ApiProperty({ type: [GraphNodeResponse] }) nodes: GraphNodeResponse[];
  @ApiProperty({ type: [GraphEdgeResponse] }) edges: GraphEdgeResponse[];
  @ApiProperty({ type: [SinglePointOfFailureResponse] }) singlePointsOfFailure: SinglePointOfFailureResponse[];
}

export class ReachEntryResponse extends RegisterEntryResponse {
  @ApiProperty({ type: [String], enum: ['product', 'dependsOn'], description: 'what matched the entry' }) matched: string[];
}

export class ReachOrganisationResponse {
  @ApiProperty({ type: String, nullable: true, example: 'litware' }) slug: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'energy' }) sector: string | null;
  @ApiProperty() entries: number;
  @ApiProperty({ enum: CRITICALITIES }) highestCriticality: string;
  @ApiProperty({ type: [String], enum: ['product', 'dependsOn'] }) matched: string[];
}

export class ReachSectorResponse {
  @ApiProperty({ example: 'energy' }) sector: string;
  @ApiProperty() organisations: number;
  @ApiProperty() entries: number;
}

export class ReachResponse {
  @ApiProperty({ type: [ReachEntryResponse], description: 'the matching entries the caller may read' }) entries: ReachEntryResponse[];
  @ApiProperty({ type: [ReachOrganisationResponse], description: 'most critical first' }) organisations: ReachOrganisationResponse[];
  @ApiProperty({ type: [ReachSectorResponse] }) sectors: ReachSectorResponse[];
}
