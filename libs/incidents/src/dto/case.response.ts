// How a case is answered over HTTP (case-view.ts), for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StixProblemSchema } from '@isac/stix-store';

export class DeadlineResponse {
  @ApiProperty({ example: 'early-warning' }) clock: string;
  @ApiProperty({ enum: ['reporter', 'centre'] }) owner: string;
  @ApiProperty({ format: 'date-time' }) due: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'submitted after it was due' }) late: boolean;
  @ApiProperty() dueSoon: boolean;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'incident--0b7b1a26-5fc4-4b43-9a35-2d0cbbde4a3e' }) incidentId: string;
  @ApiProperty({ description: "the incident's `modified`", format: 'date-time' }) incidentVersion: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: "the reporting organisation's slug" }) reporter: string;
  @ApiProperty({ enum: ['opened', 'early-warning', 'notification', 'intermediate', 'progress', 'final'] }) stage: string;
  @ApiProperty({ enum: ['nis2', 'dora'] }) regime: string;
  @ApiProperty({ example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty({ type: String, nullable: true }) severity: string | null;
  @ApiProperty({ type: [String] }) affectedSectors: string[];
  @ApiProperty({ format: 'date-time' }) awareAt: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: DeadlineResponse, nullable: true }) nextDeadline: DeadlineResponse | null;
  @ApiProperty({ type: [DeadlineResponse] }) deadlines: DeadlineResponse[];
  @ApiProperty({ enum: ['open', 'closed'] }) state: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ description: 'true when an exercise created it (issue 19): it runs no real clock' }) exercise: boolean;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
}

export class ContentGapResponse {
  @ApiProperty({ example: 'cross-border-impact' }) item: string;
  @ApiProperty({ description: 'JSON pointer relative to the incident object, or `/objects`' }) pointer: string;
  @ApiProperty() detail: string;
}

export class TimelineEntryResponse {
  @ApiProperty({ example: 'report' }) kind: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ description: 'reports only' }) incidentVersion?: string;
  @ApiPropertyOptional({ description: 'reports only: objects in the report' }) objects?: number;
  @ApiPropertyOptional({ type: [ContentGapResponse], description: 'reports only: what the stage asks for and the report lacked' })
  missing?: ContentGapResponse[];
  @ApiPropertyOptional({ enum: ['guidance', 'assessment', 'severity-reassessment'], description: "the centre's feedback: its kind" }) feedbackKind?: string;
  @ApiPropertyOptional({ description: "the centre's feedback: its Markdown text; a closing: its reason" }) body?: string;
}

export class CaseMessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['question', 'answer', 'assistance-request', 'note'] }) kind: string;
  @ApiProperty({ example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty({ description: "the author organisation's slug" }) from: string;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CaseMessagesResponse {
  @ApiProperty({ type: [CaseMessageResponse] }) messages: CaseMessageResponse[];
}

export class LinkedCaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() reporter: string;
  @ApiProperty({ example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty() stage: string;
  @ApiProperty({ enum: ['open', 'closed'] }) state: string;
}

export class LinkReasonResponse {
  @ApiProperty({ enum: ['indicator-pattern', 'observable', 'attack-pattern', 'manual'] }) basis: string;
  @ApiProperty({ description: 'the shared pattern, observable id or attack pattern; for a link by hand, who made it' }) value: string;
}

export class CaseLinkResponse {
  @ApiProperty({ type: LinkedCaseResponse }) case: LinkedCaseResponse;
  @ApiProperty({ enum: ['related-to'] }) relationship: string;
  @ApiProperty({ type: [LinkReasonResponse] }) reasons: LinkReasonResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'the organisation that linked the cases by hand; null when the hub found the link' }) linkedBy:
    string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CaseLinksResponse {
  @ApiProperty({ type: [CaseLinkResponse] }) links: CaseLinkResponse[];
}

export class CaseMajorIncidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() tlp: string;
  @ApiProperty({ enum: ['open', 'stood-down'] }) state: string;
  @ApiProperty({ description: 'true when an exercise declared it (issue 19)' }) exercise: boolean;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline: TimelineEntryResponse[];
  @ApiProperty({ type: [CaseMessageResponse], description: "the case's conversation, as far as the caller may read it" }) messages: CaseMessageResponse[];
  @ApiProperty({ type: [CaseLinkResponse], description: 'linked cases the caller may read' }) links: CaseLinkResponse[];
  @ApiProperty({
    type: [CaseMajorIncidentResponse],
    description: 'issue 19: the major incidents the case is attached to, only those whose room the caller may read',
  })
  majorIncidents: CaseMajorIncidentResponse[];
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseResponse] }) cases: CaseResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' }) next: string | null;
}

export class FiledReportResponse {
  @ApiProperty() stage: string;
  @ApiProperty() incidentVersion: string;
  @ApiProperty({ description: 'objects stored' }) stored: number;
  @ApiProperty({ description: 'objects already stored in this version' }) unchanged: number;
  @ApiProperty({ type: [ContentGapResponse] }) missing: ContentGapResponse[];
  @ApiProperty({ type: [StixProblemSchema] }) warnings: StixProblemSchema[];
}

export class FiledCaseResponse extends CaseResponse {
  @ApiProperty({ type: FiledReportResponse }) report: FiledReportResponse;
}
