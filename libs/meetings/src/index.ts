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
} from './agenda.js';
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
} from './period-facts.js';
export { SECTION_ORDER, draftAgenda, type AgendaDraft, type DraftAgendaInput } from './draft-agenda.js';
export { addItem, moveItem, refreshAgenda, removeItem, restoreDeferred, setTimeBox, type AgendaEdit, type NewAgendaItem } from './edit-agenda.js';
export { agendaHtml, agendaMarkdown, meetingIcs, type IcsOptions } from './export-agenda.js';
export { scheduleAgenda, meetingMinutes, type AgendaTiming } from './schedule-agenda.js';
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
} from './minutes.js';

// ---- persistence and HTTP (the use cases around the pure core) ----
export { reviveAgenda, storeAgenda, type StoredAgenda } from './agenda-json.js';
export { MeetingEntity, type MeetingState } from './meeting.entity.js';
export { MeetingProposalEntity } from './proposal.entity.js';
export { MeetingAgendaVersionEntity } from './agenda-version.entity.js';
export { agendaChanges, checkCorrection, type Correction } from './agenda-versions.js';
export { proposerGate, proposalPlace, type ProposalPlace, type ProposerGate } from './proposals.js';
export { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes.entity.js';
export { standingItems, type StandingParticipant } from './standing-items.js';
export { MeetingsModule } from './meetings.module.js';
export { MeetingsHttpModule } from './meetings-http.module.js';
export { MeetingsService } from './meetings.service.js';
export { HubProposals, type HubProposal } from './hub-proposals.service.js';
export { AgendaService, type AgendaFormat } from './agenda.service.js';
export { AgendaVersionsService } from './agenda-versions.service.js';
export { MinutesService } from './minutes.service.js';
export { PeriodFactsSource, type GatheredFacts } from './period-facts.source.js';
export { briefingMarkdown, composeBriefing, type Briefing, type BriefingDeadline, type BriefingInput, type BriefingSource } from './briefing.js';
export { BriefingService, type BriefingResult } from './briefing.service.js';
export { BriefingProcessor } from './briefing.processor.js';
export { BRIEFINGS_CRON, BRIEFINGS_QUEUE, type BriefingJobs } from './queues.js';
export { BriefingSentEntity, BriefingSubscriptionEntity } from './briefing.entity.js';

import { BriefingSentEntity, BriefingSubscriptionEntity } from './briefing.entity.js';
import { MeetingAgendaVersionEntity } from './agenda-version.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes.entity.js';
import { MeetingProposalEntity } from './proposal.entity.js';
export const MEETING_ENTITIES = [MeetingEntity, MeetingProposalEntity, MeetingAgendaVersionEntity, MeetingDecisionEntity, MeetingActionItemEntity, BriefingSubscriptionEntity, BriefingSentEntity];
export * from './errors.js';
