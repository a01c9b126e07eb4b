// How meetings and drafted agendas are shown on a terminal. Pure.
import { counted, list, shortTime, table, tlpLabel } from './output.js';

export interface MeetingView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  participants: string[];
  tlp: string;
  series: string;
  state: string;
  coordinator: string;
  publishedAt: string | null;
  /** The current published version of the agenda (absent from older hubs). */
  agendaVersion?: number | null;
  hasAgenda: boolean;
}

export interface AgendaView {
  tlp: string;
  items: { id: string; title: string; kind: string; presenter: string; minutes: number; notes: string[]; sources?: { id: string }[] }[];
  schedule: ({ type: 'item'; itemId: string; startsAt: string; endsAt: string } | { type: 'break'; startsAt: string; endsAt: string })[];
  excluded: { id: string; title: string; reason: string; notReadableBy: string[] }[];
  /** Left out, and not readable by the caller's organisation either: only counted. */
  excludedUnlisted?: number;
  deferred: { id: string; title: string; minutes: number }[];
  totalMinutes: number;
  availableMinutes: number;
  overTimeMinutes: number;
}

export interface DraftView {
  agenda: AgendaView;
  /** from: the previous meeting's start (null for a series' first); to: the draft's time, or this meeting's start. */
  period: { from?: string | null; to?: string; since: string | null; previousMeetingId: string | null };
  gaps: { kind: string; reason: string }[];
}

export function meetingTable(meetings: MeetingView[], colour: boolean): string[] {
  return table(
    ['meeting', 'tlp', 'state', 'starts', 'series', 'participants', 'title'],
    meetings.map((m) => [m.id, tlpLabel(m.tlp, colour), m.state, shortTime(m.startsAt), m.series, list(m.participants), m.title]),
  );
}

export function meetingDetail(m: MeetingView, colour: boolean): string[] {
  const corrected = m.agendaVersion && m.agendaVersion > 1 ? `, corrected: version ${m.agendaVersion} is current` : '';
  return [
    `${tlpLabel(m.tlp, colour)}  meeting ${m.id} (${m.state})`,
    `title         ${m.title}`,
    `when          ${shortTime(m.startsAt)} to ${shortTime(m.endsAt)}`,
    `where         ${[m.location, m.onlineUrl].filter(Boolean).join(', ') || '-'}`,
    `series        ${m.series}, coordinated by ${m.coordinator}`,
    `participants  ${list(m.participants)}`,
    `agenda        ${m.hasAgenda ? (m.publishedAt ? `published ${shortTime(m.publishedAt)}${corrected}` : 'drafted') : 'none yet'}`,
  ];
}

const clock = (iso: string) => new Date(iso).toISOString().slice(11, 16);

export function agendaLines(agenda: AgendaView, colour: boolean): string[] {
  const items = new Map(agenda.items.map((i) => [i.id, i]));
  const rows = agenda.schedule.map((slot) => {
    if (slot.type === 'break') return [`${clock(slot.startsAt)}-${clock(slot.endsAt)}`, '', '', 'break', ''];
    const item = items.get(slot.itemId);
    return [`${clock(slot.startsAt)}-${clock(slot.endsAt)}`, String(item?.minutes ?? ''), item?.presenter ?? '', item?.title ?? slot.itemId, slot.itemId];
  });
  const lines = [
    `agenda ${tlpLabel(agenda.tlp, colour)}: ${counted(agenda.items.length, 'item')}, ${agenda.totalMinutes} of ${agenda.availableMinutes} minutes` +
      `${agenda.overTimeMinutes > 0 ? `, ${agenda.overTimeMinutes} over time` : ''}`,
    ...table(['time (UTC)', 'min', 'presenter', 'item', 'id'], rows),
  ];
  if (agenda.deferred.length) lines.push('', 'deferred (did not fit)', ...agenda.deferred.map((d) => `  ${d.title} (${d.minutes} min, ${d.id})`));
  const unlisted = agenda.excludedUnlisted ?? 0;
  if (agenda.excluded.length || unlisted > 0) {
    lines.push('', 'left out (a participant may not read a source)', ...agenda.excluded.map((e) => `  ${e.title}: ${e.reason}`));
    if (unlisted > 0) lines.push(`  ${unlisted} ${unlisted === 1 ? 'item' : 'items'} left out for TLP that your organisation may not read either`);
  }
  return lines;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const STANDING = new Set(['infrastructure-overview', 'preparedness', 'threat-picture']);

/** What the draft holds, in words: how many incidents, alerts, advisories, actions, proposals and standing items. */
export function draftContents(agenda: AgendaView): string {
  const of = (kind: string) => agenda.items.filter((i) => i.kind === kind);
  const sourcesOf = (kind: string) => of(kind).reduce((n, i) => n + (i.sources?.length ?? 0), 0);
  const parts: string[] = [];
  const incidentGroups = of('incidents').length;
  if (incidentGroups) parts.push(`${count(sourcesOf('incidents'), 'incident')} in ${count(incidentGroups, 'group')}`);
  if (of('alerts').length) parts.push(count(sourcesOf('alerts'), 'alert'));
  if (of('advisory').length) parts.push(count(of('advisory').length, 'cross-sector advisory', 'cross-sector advisories'));
  if (of('action-items').length) parts.push(count(of('action-items').reduce((n, i) => n + i.notes.length, 0), 'open action item'));
  if (of('proposal').length) parts.push(count(of('proposal').length, 'proposal'));
  const standing = agenda.items.filter((i) => STANDING.has(i.kind)).length;
  if (standing) parts.push(count(standing, 'standing item'));
  const known = new Set(['incidents', 'alerts', 'advisory', 'action-items', 'proposal', ...STANDING]);
  const other = agenda.items.filter((i) => !known.has(i.kind)).length;
  if (other) parts.push(count(other, 'other item'));
  return parts.length ? parts.join(', ') : 'no items';
}

export function draftLines(draft: DraftView, colour: boolean): string[] {
  const { from, to, since, previousMeetingId } = draft.period;
  const start = from ?? since;
  const end = to ? shortTime(to) : 'now';
  const period = start
    ? `period covered  ${shortTime(start)} to ${end}, since the previous meeting of the series (${previousMeetingId})`
    : `period covered  the start of the series to ${end} (no earlier meeting in the series)`;
  const agenda = draft.agenda;
  const aside = [
    agenda.deferred.length ? `${agenda.deferred.length} deferred (did not fit)` : '',
    agenda.excluded.length + (agenda.excludedUnlisted ?? 0) ? `${agenda.excluded.length + (agenda.excludedUnlisted ?? 0)} left out for TLP` : '',
  ].filter(Boolean);
  return [
    period,
    `contains        ${count(agenda.items.length, 'item')}: ${draftContents(agenda)}`,
    ...(aside.length ? [`left aside      ${aside.join(', ')}`] : []),
    ...draft.gaps.map((g) => `note: ${g.kind}: ${g.reason}`),
    '',
    ...agendaLines(agenda, colour),
  ];
}
