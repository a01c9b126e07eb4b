// What the meetings routes answer (meeting-model.ts, minutes-model.ts), for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';

const AGENDA = { type: 'object', additionalProperties: true, description: 'the agenda: items with time boxes and sources, as screened by the TLP policy' } as const;

export class BreakPolicyResponse {
  @ApiProperty({ example: 90 }) everyMinutes: number;
  @ApiProperty({ example: 15 }) breakMinutes: number;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: [String], description: "participating organisations' slugs" }) participants: string[];
  @ApiProperty({ example: 'TLP:AMBER' }) tlp: string;
  @ApiProperty({ example: 'sector-network' }) series: string;
  @ApiProperty({ enum: ['draft', 'published', 'held'] }) state: string;
  @ApiProperty({ description: "the coordinating organisation's slug" }) coordinator: string;
  @ApiProperty({ type: String, nullable: true }) organizerEmail: string | null;
  @ApiProperty({ type: BreakPolicyResponse }) breaks: BreakPolicyResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the advisory the agenda was published as' }) agendaAdvisoryId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty() hasAgenda: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingDetailResponse extends MeetingResponse {
  @ApiProperty({ ...AGENDA, nullable: true, description: 'null until drafted; for participants, null until published and unless the TLP policy lets them read it' })
  agenda: Record<string, unknown> | null;
}

export class MeetingListResponse {
  @ApiProperty({ type: [MeetingResponse] }) meetings: MeetingResponse[];
}

export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ description: "the proposing organisation's slug" }) author: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) minutes: number | null;
  @ApiProperty() tlp: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DraftPeriodResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "start of the period the draft covers: the previous meeting's start (by date, before this one); null for a series' first" }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: "end of the period: the draft's time, or this meeting's start when a later meeting of the series exists" }) to: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "the previous meeting's start; null for a series' first" }) since: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousMeetingId: string | null;
}

export class AgendaDraftResponse {
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
  @ApiProperty({ type: DraftPeriodResponse }) period: DraftPeriodResponse;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'sources that could not be read for the draft' }) gaps: Record<string, unknown>[];
}

export class AgendaResponse {
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
}

export class PublishedAgendaResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: ['published'] }) state: string;
  @ApiProperty({ format: 'uuid', description: 'the advisory the agenda went out as' }) advisoryId: string;
  @ApiProperty() tlp: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty() agendaItemId: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: String, nullable: true }) agendaItemId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: "the owning organisation's slug" }) owner: string;
  @ApiProperty({ format: 'date', example: '2026-04-01' }) due: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() tlp: string;
}

export class MinutesResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: [DecisionResponse] }) decisions: DecisionResponse[];
  @ApiProperty({ type: [ActionResponse] }) actions: ActionResponse[];
  @ApiProperty({ description: 'how many actions are overdue' }) overdue: number;
}

export class BriefingSubscriptionResponse {
  @ApiProperty({ description: "the caller's organisation" }) organisation: string;
  @ApiProperty() subscribed: boolean;
}
