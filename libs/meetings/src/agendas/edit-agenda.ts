// The coordinator's edits to a drafted agenda (DESIGN §6): add, remove, reorder, change a time
// box, bring back a deferred item. Each returns a new agenda — the input is never changed — with
// times, breaks and the TLP recomputed. Running over the meeting's end is reported in
// `overTimeMinutes`, never fixed by cutting items behind the coordinator's back.
import type { Network } from '@isac/tlp';
import type { Agenda, AgendaItem, AgendaItemKind, Meeting, SourceFact } from './agenda.js';
import { agendaTlp, checkReadableByAll, toAgendaSource } from './agenda-tlp.js';
import { participantOrgIds } from './draft-agenda.js';
import { scheduleAgenda } from './schedule-agenda.js';
import { MEETING_ERRORS } from '../errors.js';

export type AgendaEdit = { ok: true; agenda: Agenda } | { ok: false; code: string; reason: string };

export interface NewAgendaItem {
  id: string;
  title: string;
  kind?: AgendaItemKind;
  presenter: string;
  minutes: number;
  /** Full facts, not just references: the policy must judge them for every participant. */
  sources: SourceFact[];
  notes?: string[];
}

function refuse(code: string, reason: string): AgendaEdit {
  return { ok: false, code, reason };
}

function sameParticipants(agenda: Agenda, meeting: Meeting): boolean {
  const current = participantOrgIds(meeting);
  return current.length === agenda.screenedFor.length && current.every((id, i) => id === agenda.screenedFor[i]);
}

function invalidMinutes(minutes: number): boolean {
  return !Number.isInteger(minutes) || minutes < 1;
}

/** Every edit ends here: same checks first, then times, breaks and marking recomputed from the items. */
function rebuild(agenda: Agenda, meeting: Meeting, items: AgendaItem[], deferred: AgendaItem[] = agenda.deferred): AgendaEdit {
  const timing = scheduleAgenda(items, meeting);
  return {
    ok: true,
    agenda: {
      ...agenda,
      tlp: agendaTlp(meeting.tlp, items),
      items,
      deferred,
      schedule: timing.schedule,
      totalMinutes: timing.totalMinutes,
      availableMinutes: timing.availableMinutes,
      overTimeMinutes: timing.overTimeMinutes,
    },
  };
}

function guard(agenda: Agenda, meeting: Meeting): AgendaEdit | undefined {
  if (agenda.meetingId !== meeting.id) {
    return refuse(MEETING_ERRORS.agendaWrongMeeting, `The agenda belongs to meeting ${agenda.meetingId}, not ${meeting.id}.`);
  }
  if (!sameParticipants(agenda, meeting)) {
    return refuse(
      MEETING_ERRORS.agendaParticipantsChanged,
      'The meeting has other participants than the agenda was checked for; draft it again so the TLP policy judges every item for them.',
    );
  }
  return undefined;
}

function insertAt<T>(list: readonly T[], value: T, position: number): T[] {
  return [...list.slice(0, position), value, ...list.slice(position)];
}

function validPosition(position: number, length: number): boolean {
  return Number.isInteger(position) && position >= 0 && position <= length;
}

/** Adds an item at `position` (end by default) if every participant may read each of its sources. */
export function addItem(agenda: Agenda, meeting: Meeting, network: Network, item: NewAgendaItem, position = agenda.items.length): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  if (item.title.trim() === '') return refuse(MEETING_ERRORS.agendaInvalidItem, 'An agenda item needs a title.');
  if (invalidMinutes(item.minutes))
    return refuse(MEETING_ERRORS.agendaInvalidTimeBox, `A time box is a whole number of minutes, at least 1; got ${item.minutes}.`);
  if ([...agenda.items, ...agenda.deferred].some((i) => i.id === item.id)) {
    return refuse(MEETING_ERRORS.agendaDuplicateItem, `The agenda already has an item ${item.id}.`);
  }
  if (!validPosition(position, agenda.items.length)) {
    return refuse(MEETING_ERRORS.agendaInvalidPosition, `Position ${position} is outside 0..${agenda.items.length}.`);
  }
  const readability = checkReadableByAll(item.sources, meeting.participants, network);
  if (!readability.readable) return refuse(MEETING_ERRORS.agendaSourceNotReadable, readability.reasons.join('; '));
  const added: AgendaItem = {
    id: item.id,
    title: item.title,
    kind: item.kind ?? 'other',
    presenter: item.presenter,
    minutes: item.minutes,
    sources: item.sources.map(toAgendaSource),
    priority: 0,
    notes: item.notes ?? [],
  };
  return rebuild(agenda, meeting, insertAt(agenda.items, added, position));
}

/** Removes an item from the agenda (deferred items stay where they are). */
export function removeItem(agenda: Agenda, meeting: Meeting, itemId: string): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  if (!agenda.items.some((i) => i.id === itemId)) return refuse(MEETING_ERRORS.agendaItemNotFound, `The agenda has no item ${itemId}.`);
  return rebuild(
    agenda,
    meeting,
    agenda.items.filter((i) => i.id !== itemId),
  );
}

/** Moves an item to index `toIndex` of the items (breaks are placed again afterwards). */
export function moveItem(agenda: Agenda, meeting: Meeting, itemId: string, toIndex: number): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  const item = agenda.items.find((i) => i.id === itemId);
  if (item === undefined) return refuse(MEETING_ERRORS.agendaItemNotFound, `The agenda has no item ${itemId}.`);
  const rest = agenda.items.filter((i) => i.id !== itemId);
  if (!validPosition(toIndex, rest.length)) return refuse(MEETING_ERRORS.agendaInvalidPosition, `Position ${toIndex} is outside 0..${rest.length}.`);
  return rebuild(agenda, meeting, insertAt(rest, item, toIndex));
}

export function setTimeBox(agenda: Agenda, meeting: Meeting, itemId: string, minutes: number): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  if (invalidMinutes(minutes)) return refuse(MEETING_ERRORS.agendaInvalidTimeBox, `A time box is a whole number of minutes, at least 1; got ${minutes}.`);
  if (!agenda.items.some((i) => i.id === itemId)) return refuse(MEETING_ERRORS.agendaItemNotFound, `The agenda has no item ${itemId}.`);
  return rebuild(
    agenda,
    meeting,
    agenda.items.map((i) => (i.id === itemId ? { ...i, minutes } : i)),
  );
}

/**
 * Brings a deferred item onto the agenda. It was screened for these same participants when drafted
 * (guard checks they have not changed), so the policy's answer still holds.
 */
export function restoreDeferred(agenda: Agenda, meeting: Meeting, itemId: string, position = agenda.items.length): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  const item = agenda.deferred.find((i) => i.id === itemId);
  if (item === undefined) return refuse(MEETING_ERRORS.agendaItemNotFound, `No deferred item ${itemId}.`);
  if (!validPosition(position, agenda.items.length)) {
    return refuse(MEETING_ERRORS.agendaInvalidPosition, `Position ${position} is outside 0..${agenda.items.length}.`);
  }
  return rebuild(
    agenda,
    meeting,
    insertAt(agenda.items, item, position),
    agenda.deferred.filter((i) => i.id !== itemId),
  );
}

/**
 * Lays the agenda out again for a meeting whose time, breaks or TLP changed after drafting: same
 * items in the same order, times and marking recomputed (over-time reported, never cut). Other
 * participants are refused like any edit — the items were judged for the old ones.
 */
export function refreshAgenda(agenda: Agenda, meeting: Meeting): AgendaEdit {
  const refused = guard(agenda, meeting);
  if (refused) return refused;
  return rebuild(agenda, meeting, agenda.items);
}
