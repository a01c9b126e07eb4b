// @isac/meetings — meetings, agendas, minutes (DESIGN §6). The pure core: drafting, editing and
// exporting agendas, and the action items that carry from one meeting to the next.
export type {
  Agenda,
  AgendaItem,
  AgendaItemKind,
  AgendaSource,
  BreakPolicy,
  ExcludedItem,
  Meeting,
  MeetingParticipant,
  ScheduleSlot,
  SourceFact,
  SourceKind,
} from './agendas/agenda.js';
export type {
  AdvisoryFact,
  AlertFact,
  IncidentCaseFact,
  PeriodFacts,
  ProposalFact,
  SectorAcknowledgement,
  Severity,
  StandingItemFact,
  StandingKind,
} from './agendas/period-facts.js';
export { SECTION_ORDER, draftAgenda, type AgendaDraft, type DraftAgendaInput } from './agendas/draft-agenda.js';
export { addItem, moveItem, refreshAgenda, removeItem, restoreDeferred, setTimeBox, type AgendaEdit, type NewAgendaItem } from './agendas/edit-agenda.js';
export { agendaHtml, agendaMarkdown, meetingIcs, type IcsOptions } from './agendas/export-agenda.js';
export { scheduleAgenda, meetingMinutes, type AgendaTiming } from './agendas/schedule-agenda.js';
export {
  carryOverActions,
  isOpen,
  isOverdue,
  openActions,
  overdueActions,
  setActionStatus,
  type ActionItem,
  type ActionStatus,
  type ActionUpdate,
  type CarriedAction,
  type MinutesDecision,
} from './minutes/minutes.js';

// ---- persistence and HTTP (the use cases around the pure core) ----
export { reviveAgenda, storeAgenda, type StoredAgenda } from './agendas/agenda-json.js';
export { MeetingEntity, type MeetingState } from './meeting.entity.js';
export { MeetingProposalEntity } from './proposal.entity.js';
export { MeetingAgendaVersionEntity } from './agendas/agenda-version.entity.js';
export { agendaChanges, checkCorrection, type Correction } from './agendas/agenda-versions.js';
export { proposerGate, proposalPlace, type ProposalPlace, type ProposerGate } from './proposals.js';
export { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes/minutes.entity.js';
export { standingItems, type StandingParticipant } from './agendas/standing-items.js';
export { MeetingsModule } from './meetings.module.js';
export { MeetingsHttpModule } from './meetings-http.module.js';
export { MeetingsService } from './meetings.service.js';
export { HubProposals, type HubProposal } from './hub-proposals.service.js';
export { AgendaService, type AgendaFormat } from './agendas/agenda.service.js';
export { AgendaVersionsService } from './agendas/agenda-versions.service.js';
export { MinutesService } from './minutes/minutes.service.js';
export { PeriodFactsSource, type GatheredFacts } from './agendas/period-facts.source.js';
export { briefingMarkdown, composeBriefing, type Briefing, type BriefingDeadline, type BriefingInput, type BriefingSource } from './briefings/briefing.js';
export { BriefingService, type BriefingResult } from './briefings/briefing.service.js';
export { BriefingProcessor } from './briefings/briefing.processor.js';
export { BRIEFINGS_CRON, BRIEFINGS_QUEUE, type BriefingJobs } from './queues.js';
export { BriefingSentEntity, BriefingSubscriptionEntity } from './briefings/briefing.entity.js';

import { BriefingSentEntity, BriefingSubscriptionEntity } from './briefings/briefing.entity.js';
import { MeetingAgendaVersionEntity } from './agendas/agenda-version.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes/minutes.entity.js';
import { MeetingProposalEntity } from './proposal.entity.js';
export const MEETING_ENTITIES = [
  MeetingEntity,
  MeetingProposalEntity,
  MeetingAgendaVersionEntity,
  MeetingDecisionEntity,
  MeetingActionItemEntity,
  BriefingSubscriptionEntity,
  BriefingSentEntity,
];
export * from './errors.js';
