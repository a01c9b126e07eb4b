// The codes of the meetings context (meetings, agendas and their versions, minutes, briefings), declared once (STYLE 14).
import { declareErrors } from '@isac/problems';

export const MEETING_ERRORS = declareErrors('meetings', {
  /** missing, or a meeting the caller does not take part in: the same answer */
  notFound: ['MEETING.NOT_FOUND', 404],
  invalid: ['MEETING.INVALID', 400],
  forbidden: ['MEETING.FORBIDDEN', 403],
  /** the meeting's state does not allow this (published, held, changed meanwhile) */
  conflict: ['MEETING.CONFLICT', 409],
  proposalInvalid: ['PROPOSAL.INVALID', 400],
  proposalNotFound: ['PROPOSAL.NOT_FOUND', 404],
  correctionNotFound: ['CORRECTION.NOT_FOUND', 404],
  briefingNotFound: ['BRIEFING.NOT_FOUND', 404],
  agendaNotFound: ['AGENDA.NOT_FOUND', 404],
  agendaInvalid: ['AGENDA.INVALID', 400],
  agendaTlpViolation: ['AGENDA.TLP_VIOLATION', 403],
  /** 409: the participants changed since the agenda was drafted — the meeting's state moved under the caller; draft again */
  agendaParticipantsChanged: ['AGENDA.PARTICIPANTS_CHANGED', 409],
  // 422: an operation, well-formed, that does not apply to the agenda as it stands (or to the rules an
  // item must meet): the agenda's own rules refuse it, with the operation's pointer
  agendaSourceNotReadable: ['AGENDA.SOURCE_NOT_READABLE', 422],
  agendaWrongMeeting: ['AGENDA.WRONG_MEETING', 422],
  agendaInvalidItem: ['AGENDA.INVALID_ITEM', 422],
  agendaInvalidTimeBox: ['AGENDA.INVALID_TIME_BOX', 422],
  agendaDuplicateItem: ['AGENDA.DUPLICATE_ITEM', 422],
  agendaInvalidPosition: ['AGENDA.INVALID_POSITION', 422],
  agendaItemNotFound: ['AGENDA.ITEM_NOT_FOUND', 422],
  /** 422: a correction goes to the published agenda's participants and nobody else */
  agendaAudienceChanged: ['AGENDA.AUDIENCE_CHANGED', 422],
  /** 422: a correction identical to the current version */
  agendaNoChange: ['AGENDA.NO_CHANGE', 422],
  minutesInvalid: ['MINUTES.INVALID', 400],
  minutesTlpViolation: ['MINUTES.TLP_VIOLATION', 403],
  actionNotFound: ['ACTION.NOT_FOUND', 404],
  /** 422: a cancelled action is not reopened; a new one is recorded */
  actionCancelled: ['MEETINGS.ACTION_CANCELLED', 422],
});
