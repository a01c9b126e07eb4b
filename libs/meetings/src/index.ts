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
export { SECTION_ORDER, WITHHELD_TITLE, draftAgenda, type AgendaDraft, type DraftAgendaInput } from './draft-agenda.js';
export { addItem, moveItem, removeItem, restoreDeferred, setTimeBox, type AgendaEdit, type NewAgendaItem } from './edit-agenda.js';
export { TLP_BACKGROUND, TLP_FONT_COLOURS, agendaHtml, agendaMarkdown, escapeHtml, meetingIcs, type IcsOptions } from './export-agenda.js';
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
