// What the major-incident routes answer (major-incidents.service.ts), for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TLP_LABELS } from '@isac/tlp';
import { ENTRY_KINDS, SECTOR_STATES } from '../major-incident.types.js';

export class RoomLineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENTRY_KINDS }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class TimelineLineResponse extends RoomLineResponse {
  @ApiProperty({ type: String, nullable: true, example: 'centre' }) by: string | null;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ example: 'energy' }) sector?: string;
  @ApiPropertyOptional({ enum: SECTOR_STATES }) state?: string;
}

export class SitrepResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) by: string | null;
  @ApiProperty({ enum: TLP_LABELS }) tlp: string;
  @ApiProperty() body: string;
}

export class SitrepCadenceResponse {
  @ApiProperty({ type: Number, nullable: true }) everyMinutes: number | null;
  @ApiProperty({ type: [String], description: 'due moments that passed without a sitrep the caller may read' }) missed: string[];
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextDueAt: string | null;
}

export class BoardRowResponse {
  @ApiProperty({ example: 'energy' }) sector: string;
  @ApiProperty({ enum: [...SECTOR_STATES, 'not-reported'] }) state: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty() changes: number;
}

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) by: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) owner: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) due: string | null;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) by: string | null;
  @ApiProperty() text: string;
}

export class AcknowledgementResponse {
  @ApiProperty() sector: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) ackedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) minutesToAcknowledge: number | null;
}

export class LinkedCaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() tlp: string;
}

export class MajorIncidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TLP_LABELS }) tlp: string;
  @ApiProperty({ enum: ['open', 'stood-down'] }) state: string;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ type: [String], description: 'the centre and the concerned sector units' }) audience: string[];
  @ApiProperty({ format: 'date-time' }) declaredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ description: 'true when an exercise declared it (issue 19): not a real major incident' }) exercise: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) alertId: string | null;
  @ApiProperty({ type: [LinkedCaseResponse] }) linkedCases: LinkedCaseResponse[];
  @ApiProperty({ type: [TimelineLineResponse] }) timeline: TimelineLineResponse[];
  @ApiProperty({ type: [SitrepResponse] }) sitreps: SitrepResponse[];
  @ApiProperty({ type: SitrepCadenceResponse }) sitrepCadence: SitrepCadenceResponse;
  @ApiProperty({ type: [BoardRowResponse] }) statusBoard: BoardRowResponse[];
  @ApiProperty({ type: [TaskResponse] }) tasks: TaskResponse[];
  @ApiProperty({ type: [DecisionResponse] }) decisions: DecisionResponse[];
  @ApiProperty({ type: [AcknowledgementResponse], nullable: true, description: "the centre's only (receipts are the author's)" }) acknowledgements:
    AcknowledgementResponse[] | null;
}

export class MeetingItemResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
}

export class StandDownResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['stood-down'] }) state: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({
    type: MeetingItemResponse,
    nullable: true,
    description: "the item drafted on the centre's next draft meeting (a proposal under the report's marking); null when none is scheduled",
  })
  meetingItem: MeetingItemResponse | null;
}

export class MajorIncidentSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TLP_LABELS }) tlp: string;
  @ApiProperty({ enum: ['open', 'stood-down'] }) state: string;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ format: 'date-time' }) declaredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ description: 'true when an exercise declared it (issue 19): not a real major incident' }) exercise: boolean;
}

export class MajorIncidentSummaryListResponse {
  @ApiProperty({ type: [MajorIncidentSummaryResponse] }) majorIncidents: MajorIncidentSummaryResponse[];
}
