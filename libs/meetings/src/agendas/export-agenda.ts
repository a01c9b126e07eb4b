// The agenda as the participants receive it (DESIGN §6): Markdown, printable HTML and an
// iCalendar invitation. Every export carries the agenda's TLP label the way FIRST TLP 2.0 asks
// for documents: at the top and at the bottom. Times are UTC and say so.
import { escapeHtml, PUBLIC_LABEL, tlpBadgeHtml as tlpBadge } from '@isac/tlp';
import type { Agenda, AgendaItem, Meeting, ScheduleSlot } from './agenda.js';
import { contentLine, CRLF, escapeText, mailto, utcDateTime } from './icalendar.js';

interface Row {
  time: string;
  number?: number;
  item?: AgendaItem;
  /** Minutes of the meeting after the last item that nothing is planned for. */
  spareMinutes?: number;
}

function hhmm(d: Date): string {
  return d.toISOString().slice(11, 16);
}

function span(start: Date, end: Date): string {
  return `${hhmm(start)}–${hhmm(end)}`;
}

/** The schedule's rows, then — when it ends before the meeting does — the spare time, so nobody mistakes it for an item's. */
function rows(agenda: Agenda, meeting: Meeting): Row[] {
  const byId = new Map(agenda.items.map((item, i) => [item.id, { item, number: i + 1 }]));
  const scheduled = agenda.schedule.map((slot: ScheduleSlot): Row => {
    if (slot.type === 'break') return { time: span(slot.startsAt, slot.endsAt) };
    const found = byId.get(slot.itemId);
    return { time: span(slot.startsAt, slot.endsAt), item: found?.item, number: found?.number };
  });
  const scheduleEnd = agenda.schedule.at(-1)?.endsAt ?? meeting.startsAt;
  const spareMinutes = Math.floor((meeting.endsAt.getTime() - scheduleEnd.getTime()) / 60_000);
  return spareMinutes > 0 ? [...scheduled, { time: span(scheduleEnd, meeting.endsAt), spareMinutes }] : scheduled;
}

function spareText(minutes: number): string {
  return `Unallocated (${minutes} min)`;
}

function participantNames(meeting: Meeting): string[] {
  return meeting.participants.map((p) => p.name ?? p.slug);
}

function when(meeting: Meeting): string {
  return `${meeting.startsAt.toISOString().slice(0, 10)} ${span(meeting.startsAt, meeting.endsAt)} UTC`;
}

function httpUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s"<>]+$/i.test(url) ? url : undefined;
}

function sourceLine(source: AgendaItem['sources'][number]): string {
  return `${source.kind} ${source.id}: ${source.title} (${source.tlp ?? 'unmarked'})`;
}

// ---- Markdown -------------------------------------------------------------------------------

/**
 * Backslash-escapes what CommonMark would read as markup or HTML, and keeps a title on one line.
 * Text often starts a list item ("- <note>"), where a leading "-", "+" or "1." would open a nested
 * list and leading spaces an indented code block: those are escaped or dropped too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/^\s+/, '')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

const utcMinute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The period a draft covers, as the exports state it. */
export function periodText(period: { from: string | null; to: string }): string {
  return `${period.from ? `from ${utcMinute(period.from)}` : 'from the start of the series'} to ${utcMinute(period.to)}`;
}

/** Which published version this is; a correction says so, so nobody mistakes it for the first. */
export function versionText(agenda: Pick<Agenda, 'version'>): string | undefined {
  if (agenda.version === undefined) return undefined;
  return agenda.version === 1 ? 'Version 1' : `Version ${agenda.version} (corrected; replaces version ${agenda.version - 1})`;
}

export function agendaMarkdown(agenda: Agenda, meeting: Meeting): string {
  const lines: string[] = [`**${agenda.tlp}**`, '', `# Agenda: ${escapeMarkdown(meeting.title)}`, ''];
  if (agenda.period) lines.push(`**Period covered:** ${periodText(agenda.period)}`, '');
  const version = versionText(agenda);
  if (version) lines.push(`**${version}**`, '');
  lines.push(`- **When:** ${when(meeting)}`);
  if (meeting.location) lines.push(`- **Where:** ${escapeMarkdown(meeting.location)}`);
  const online = httpUrl(meeting.onlineUrl);
  if (online) lines.push(`- **Online:** <${online}>`);
  lines.push(`- **Participants:** ${participantNames(meeting).map(escapeMarkdown).join(', ')}`, '');
  lines.push('| Time (UTC) | Item | Presenter | Minutes |', '|---|---|---|---:|');
  for (const row of rows(agenda, meeting)) {
    if (row.spareMinutes !== undefined) lines.push(`| ${row.time} | *${spareText(row.spareMinutes)}* | | |`);
    else if (row.item === undefined) lines.push(`| ${row.time} | *Break* | | |`);
    else lines.push(`| ${row.time} | ${row.number}. ${escapeMarkdown(row.item.title)} | ${escapeMarkdown(row.item.presenter)} | ${row.item.minutes} |`);
  }
  agenda.items.forEach((item, i) => {
    lines.push('', `## ${i + 1}. ${escapeMarkdown(item.title)}`, '', `Presenter: ${escapeMarkdown(item.presenter)} · ${item.minutes} min`);
    if (item.notes.length > 0) lines.push('', ...item.notes.map((note) => `- ${escapeMarkdown(note)}`));
    if (item.sources.length > 0) lines.push('', 'Sources:', '', ...item.sources.map((s) => `- ${escapeMarkdown(sourceLine(s))}`));
  });
  lines.push('', `**${agenda.tlp}**`, '');
  return lines.join('\n');
}

// ---- HTML -----------------------------------------------------------------------------------

// FIRST TLP 2.0 "Usage in documents": the label in the header and footer of each page, 12 pt or
// larger, right-justified. Fixed header and footer repeat on every printed page; print-color-adjust
// keeps the black background when printing.
const STYLE = `
body { font-family: system-ui, sans-serif; font-size: 11pt; margin: 0; color: #000; }
main { margin: 3em 2em; }
.tlp-banner { text-align: right; padding: 0.3em 2em; }
.tlp { font-weight: bold; font-size: 12pt; padding: 0.1em 0.4em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
tr.break td, tr.spare td { font-style: italic; background: #f2f2f2; }
.period { font-size: 13pt; border-left: 4px solid #000; padding: 0.3em 0.6em; background: #f2f2f2; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { .tlp-banner { position: fixed; left: 0; right: 0; } header.tlp-banner { top: 0; } footer.tlp-banner { bottom: 0; } section { break-inside: avoid; } }
`;

function htmlItem(item: AgendaItem, number: number): string {
  const notes = item.notes.length > 0 ? `<ul>${item.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const sources =
    item.sources.length > 0 ? `<p>Sources:</p><ul class="sources">${item.sources.map((s) => `<li>${escapeHtml(sourceLine(s))}</li>`).join('')}</ul>` : '';
  return `<section><h2>${number}. ${escapeHtml(item.title)}</h2><p>Presenter: ${escapeHtml(item.presenter)} · ${item.minutes} min</p>${notes}${sources}</section>`;
}

export function agendaHtml(agenda: Agenda, meeting: Meeting): string {
  const online = httpUrl(meeting.onlineUrl);
  const facts = [
    `<dt>When</dt><dd>${escapeHtml(when(meeting))}</dd>`,
    meeting.location ? `<dt>Where</dt><dd>${escapeHtml(meeting.location)}</dd>` : '',
    online ? `<dt>Online</dt><dd><a href="${escapeHtml(online)}">${escapeHtml(online)}</a></dd>` : '',
    `<dt>Participants</dt><dd>${participantNames(meeting).map(escapeHtml).join(', ')}</dd>`,
  ].join('');
  const tableRows = rows(agenda, meeting)
    .map((row) =>
      row.spareMinutes !== undefined
        ? `<tr class="spare"><td>${row.time}</td><td colspan="3">${spareText(row.spareMinutes)}</td></tr>`
        : row.item === undefined
          ? `<tr class="break"><td>${row.time}</td><td colspan="3">Break</td></tr>`
          : `<tr><td>${row.time}</td><td>${row.number}. ${escapeHtml(row.item.title)}</td><td>${escapeHtml(row.item.presenter)}</td><td>${row.item.minutes}</td></tr>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(`${agenda.tlp} Agenda: ${meeting.title}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="tlp-banner">${tlpBadge(agenda.tlp)}</header>`,
    '<main>',
    `<h1>Agenda: ${escapeHtml(meeting.title)}</h1>`,
    // the period the draft gathered from, right under the title: what is (and is not) on this agenda
    agenda.period ? `<p class="period" id="period"><strong>Period covered:</strong> ${escapeHtml(periodText(agenda.period))}</p>` : '',
    versionText(agenda) ? `<p class="version" id="version"><strong>${escapeHtml(versionText(agenda)!)}</strong></p>` : '',
    `<dl>${facts}</dl>`,
    '<table><thead><tr><th>Time (UTC)</th><th>Item</th><th>Presenter</th><th>Minutes</th></tr></thead><tbody>',
    tableRows,
    '</tbody></table>',
    ...agenda.items.map((item, i) => htmlItem(item, i + 1)),
    '</main>',
    `<footer class="tlp-banner">${tlpBadge(agenda.tlp)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- iCalendar ------------------------------------------------------------------------------

export const ICS_PRODID = '-//isac-hub//meetings//EN';

function description(agenda: Agenda, meeting: Meeting): string {
  const lines = [agenda.tlp, `Participants: ${participantNames(meeting).join(', ')}`, '', 'Agenda (times UTC):'];
  for (const row of rows(agenda, meeting)) {
    if (row.spareMinutes !== undefined) lines.push(`${row.time} ${spareText(row.spareMinutes)}`);
    else lines.push(row.item === undefined ? `${row.time} Break` : `${row.time} ${row.number}. ${row.item.title} (${row.item.presenter})`);
  }
  lines.push('', agenda.tlp);
  return lines.join('\n');
}

function organisationUrn(slug: string | undefined): string | undefined {
  return slug ? `urn:isac:organisation:${encodeURIComponent(slug)}` : undefined;
}

export interface IcsOptions {
  /** DTSTAMP; the agenda's draft time unless given (the object must not depend on the clock). */
  stamp?: Date;
}

/**
 * RFC 5545 VCALENDAR with one VEVENT. No METHOD: RFC 5546 forbids ATTENDEE in a PUBLISH and a
 * REQUEST would make clients send replies to the hub; a plain object imports everywhere.
 */
export function meetingIcs(meeting: Meeting, agenda: Agenda, options: IcsOptions = {}): string {
  const online = httpUrl(meeting.onlineUrl);
  const location = meeting.location ?? online;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', ICS_PRODID),
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    // §3.8.4.7: globally unique and stable, so a re-sent invitation updates the same event.
    contentLine('UID', escapeText(`${meeting.id}@isac-hub`)),
    contentLine('DTSTAMP', utcDateTime(options.stamp ?? agenda.draftedAt)),
    contentLine('DTSTART', utcDateTime(meeting.startsAt)),
    contentLine('DTEND', utcDateTime(meeting.endsAt)),
    // FIRST TLP 2.0 asks messages to carry the label in the subject; the summary is the invitation's subject.
    contentLine('SUMMARY', escapeText(`[${agenda.tlp}] ${meeting.title}`)),
  ];
  // §3.8.7.4: each correction is a revision of the same event, so calendar clients take the newer one
  if (agenda.version !== undefined && agenda.version > 1) lines.push(`SEQUENCE:${agenda.version - 1}`);
  if (location) lines.push(contentLine('LOCATION', escapeText(location)));
  if (online) lines.push(contentLine('URL', online));
  // §3.8.4.3: an event with ATTENDEEs is group-scheduled and MUST have an ORGANIZER; without one
  // the participants are named in the description only, never as attendees.
  const organizer = meeting.organizer && (mailto(meeting.organizer.email) ?? organisationUrn(meeting.organizer.slug));
  if (meeting.organizer && organizer) {
    lines.push(contentLine('ORGANIZER', organizer, { CN: meeting.organizer.name }));
    for (const participant of meeting.participants) {
      // §3.3.3: CAL-ADDRESS is any URI; an organisation without a mail address is named by a URN.
      const address = mailto(participant.email) ?? organisationUrn(participant.slug)!;
      lines.push(contentLine('ATTENDEE', address, { CUTYPE: 'GROUP', ROLE: 'REQ-PARTICIPANT', CN: participant.name ?? participant.slug }));
    }
  }
  lines.push(contentLine('DESCRIPTION', escapeText(description(agenda, meeting))));
  // §3.8.1.3: only TLP:CLEAR may show in shared calendars; everything else is private to the invitee.
  lines.push(`CLASS:${agenda.tlp === PUBLIC_LABEL ? 'PUBLIC' : 'PRIVATE'}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.join(CRLF) + CRLF;
}
