// Correcting a published agenda (issue 17, rough edge 3): the coordinator edits a copy of the current
// version and publishes it as version N+1; every earlier version stays as it went out. The rule a
// correction must pass is the one publishing passes (DESIGN §2, §6): the same audience — the
// participants the items were screened for — and a marking no weaker than the composed-document rule
// gives for its own items. The previous version's marking binds only that version.
import { restrictionRank, type Network } from '@isac/tlp';
import type { Agenda, AgendaItem, Meeting } from './agenda.js';
import { composedAgendaMarking } from './agenda-tlp.js';
import { participantOrgIds } from './draft-agenda.js';
import { MEETING_ERRORS } from '../errors.js';

export type Correction =
  | { ok: true; agenda: Agenda; changes: string[] }
  | { ok: false; code: (typeof MEETING_ERRORS)['agendaAudienceChanged' | 'agendaSourceNotReadable' | 'agendaNoChange']; reason: string };

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/** What a correction changed, one line each, in the order a reader checks: items gone, new, then moved or re-timed, then the marking. */
export function agendaChanges(previous: Agenda, next: Agenda): string[] {
  const before = new Map(previous.items.map((item, i) => [item.id, { item, position: i + 1 }]));
  const after = new Map(next.items.map((item, i) => [item.id, { item, position: i + 1 }]));
  // the changes go to the new version's readers: a title only the previous, stricter version carried
  // is not theirs to read (a reader of a relaxed version may have been shut out of the one before)
  const oldTitles = restrictionRank(previous.tlp) <= restrictionRank(next.tlp);
  const lines: string[] = [];
  for (const [id, { item }] of before)
    if (!after.has(id)) lines.push(oldTitles ? `Removed: ${item.title}` : `Removed: an item of the previous version (${previous.tlp})`);
  for (const [id, { item, position }] of after) if (!before.has(id)) lines.push(`Added: ${item.title} (item ${position}, ${item.minutes} min)`);
  // an item that moved only because another was added or removed above it keeps its order among the others
  const kept = (items: AgendaItem[], other: Map<string, unknown>) => items.filter((i) => other.has(i.id)).map((i) => i.id);
  const order = kept(previous.items, after);
  const newOrder = kept(next.items, before);
  for (const [id, { item, position }] of after) {
    const old = before.get(id);
    if (!old) continue;
    if (order.indexOf(id) !== newOrder.indexOf(id)) lines.push(`Moved: ${item.title} (item ${old.position} → ${position})`);
    if (old.item.minutes !== item.minutes) lines.push(`Time box: ${item.title} (${old.item.minutes} → ${item.minutes} min)`);
    if (old.item.title !== item.title) lines.push(oldTitles ? `Renamed: ${old.item.title} → ${item.title}` : `Renamed: item ${position} → ${item.title}`);
  }
  if (previous.tlp !== next.tlp) lines.push(`Marking: ${previous.tlp} → ${next.tlp}`);
  return lines;
}

/**
 * Judges a corrected copy of `previous` for publication as the next version: the audience is the
 * participants the published version was screened for (a correction never reaches anyone new), the
 * marking is the composed-document rule's for the corrected items, judged against the network as it
 * is now, and something must have changed.
 */
export function checkCorrection(meeting: Meeting, previous: Agenda, corrected: Agenda, network: Network, population?: Iterable<string>): Correction {
  const participants = participantOrgIds(meeting);
  if (!sameList(corrected.screenedFor, previous.screenedFor) || !sameList(participants, previous.screenedFor)) {
    return {
      ok: false,
      code: MEETING_ERRORS.agendaAudienceChanged,
      reason: 'A correction goes to the participants the published agenda went to, and to nobody else.',
    };
  }
  const marking = composedAgendaMarking(meeting, corrected.items, network, population);
  if (!marking.ok) return { ok: false, code: MEETING_ERRORS.agendaSourceNotReadable, reason: marking.reason };
  const agenda: Agenda = { ...corrected, tlp: marking.tlp };
  const changes = agendaChanges(previous, agenda);
  if (changes.length === 0)
    return { ok: false, code: MEETING_ERRORS.agendaNoChange, reason: 'The correction is the same as the current version: change an item first.' };
  return { ok: true, agenda, changes };
}
