// What the meetings routes answer (meeting-access.ts, minutes/minutes-model.ts), for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const AGENDA = {
  type: 'object',
  additionalProperties: true,
  description: 'the agenda: items with time boxes and sources, as screened by the TLP policy',
} as const;

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
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the current published version of the agenda (1 = as published, higher = corrected); null until published',
  })
  agendaVersion: number | null;
  @ApiProperty() hasAgenda: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeetingDetailResponse extends MeetingResponse {
  @ApiProperty({
    ...AGENDA,
    nullable: true,
    description: 'null until drafted; for participants, null until published and unless the TLP policy lets them read it',
  })
  agenda: Record<string, unknown> | null;
  @ApiPropertyOptional({
    ...AGENDA,
    nullable: true,
    description: "the coordinator's open correction of the published agenda; shown to the coordinating organisation only",
  })
  correction?: Record<string, unknown> | null;
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
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['on-agenda', 'deferred', 'left-out', 'not-on-agenda'],
    description: 'where it stands on the agenda: for the coordinator always, for participants once published; else null',
  })
  place: string | null;
}

export class ProposalListResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ description: 'whether proposals are still taken (the meeting is a draft)' }) open: boolean;
  @ApiProperty({ type: [ProposalResponse], description: 'the proposals the caller may read' }) proposals: ProposalResponse[];
}

export class AgendaCorrectionResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ description: 'the published version the correction started from' }) basedOnVersion: number;
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
}

export class DiscardedCorrectionResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: [true] }) discarded: boolean;
  @ApiProperty({ description: 'the version that stays current' }) agendaVersion: number;
}

export class PublishedCorrectionResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'uuid', description: 'the advisory the corrected agenda went out as' }) advisoryId: string;
  @ApiProperty() tlp: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: [String], example: ['Added: Exercise debrief (item 3, 15 min)'] }) changes: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class AgendaVersionResponse {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ description: 'the version participants are given now' }) current: boolean;
  @ApiProperty() tlp: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ description: "the publishing organisation's slug" }) publishedBy: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'prefix of the key that published it; to the coordinating organisation only' })
  publishedByKey?: string | null;
  @ApiProperty({ format: 'uuid' }) advisoryId: string;
  @ApiProperty({ type: [String], description: 'what changed against the version before; empty for version 1' }) changes: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
}

export class AgendaVersionListResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: Number, nullable: true }) current: number | null;
  @ApiProperty({ type: [AgendaVersionResponse], description: 'the versions the caller may read, oldest first' }) versions: AgendaVersionResponse[];
}

export class DraftPeriodResponse {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "start of the period the draft covers: the previous meeting's start (by date, before this one); null for a series' first",
  })
  from: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: "end of the period: the draft's time, or this meeting's start when a later meeting of the series exists",
  })
  to: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "the previous meeting's start; null for a series' first" }) since:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousMeetingId: string | null;
}

export class AgendaDraftResponse {
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
  @ApiProperty({ type: DraftPeriodResponse }) period: DraftPeriodResponse;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'sources that could not be read for the draft' })
  gaps: Record<string, unknown>[];
}

export class AgendaResponse {
  @ApiProperty(AGENDA) agenda: Record<string, unknown>;
}

export class PublishedAgendaResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: ['published'] }) state: string;
  @ApiProperty({ example: 1, description: 'the first published version; corrections add later ones' }) version: number;
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
