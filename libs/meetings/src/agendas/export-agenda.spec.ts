import { TLP_FONT_COLOURS, TLP_LABELS, type TlpLabel } from '@isac/tlp';
import type { Agenda, Meeting } from './agenda.js';
import { draftAgenda } from './draft-agenda.js';
import { agendaHtml, agendaMarkdown, meetingIcs } from './export-agenda.js';
import { alert, meeting, network, noFacts, NOW, proposal, standing } from '../testing/fixtures.js';

const hourMeeting: Meeting = meeting({
  tlp: 'TLP:AMBER',
  endsAt: new Date('2027-02-03T10:00:00.000Z'),
  breaks: undefined,
  location: 'Copenhagen, room 2',
  onlineUrl: 'https://meet.example.org/q1',
  organizer: { name: 'Network coordinator', email: 'coordinator@centre.example' },
});

function agendaFor(theMeeting: Meeting, proposalTitle = 'Exercise *Baltic* <b>'): Agenda {
  return draftAgenda({
    meeting: theMeeting,
    facts: noFacts({
      standing: [standing({ id: 'tp', kind: 'threat-picture', title: 'Threat picture', minutes: 20 })],
      proposals: [proposal({ id: 'p-1', title: proposalTitle })],
    }),
    network,
    now: NOW,
  });
}

describe('agendaMarkdown', () => {
  it('lays out the label, the facts, the timetable and each item with its sources', () => {
    expect(agendaMarkdown(agendaFor(hourMeeting), hourMeeting)).toBe(
      [
        '**TLP:AMBER**',
        '',
        '# Agenda: Network meeting Q1',
        '',
        '- **When:** 2027-02-03 09:00–10:00 UTC',
        '- **Where:** Copenhagen, room 2',
        '- **Online:** <https://meet.example.org/q1>',
        '- **Participants:** centre, energy, health',
        '',
        '| Time (UTC) | Item | Presenter | Minutes |',
        '|---|---|---|---:|',
        '| 09:00–09:20 | 1. Threat picture | centre | 20 |',
        '| 09:20–09:30 | 2. Exercise \\*Baltic\\* \\<b\\> | health | 10 |',
        '| 09:30–09:40 | 3. Any other business and close | centre | 10 |',
        '| 09:40–10:00 | *Unallocated (20 min)* | | |',
        '',
        '## 1. Threat picture',
        '',
        'Presenter: centre · 20 min',
        '',
        '## 2. Exercise \\*Baltic\\* \\<b\\>',
        '',
        'Presenter: health · 10 min',
        '',
        'Sources:',
        '',
        '- proposal p-1: Exercise \\*Baltic\\* \\<b\\> (TLP:GREEN)',
        '',
        '## 3. Any other business and close',
        '',
        'Presenter: centre · 10 min',
        '',
        '**TLP:AMBER**',
        '',
      ].join('\n'),
    );
  });

  it('shows breaks in the timetable and keeps a hostile title on its line and in its cell', () => {
    const withBreaks = meeting({ breaks: { everyMinutes: 20, breakMinutes: 10 } });
    const markdown = agendaMarkdown(agendaFor(withBreaks, 'a | b\n# c'), withBreaks);
    expect(markdown).toContain('| 09:20–09:30 | *Break* | | |');
    expect(markdown).toContain('| 09:30–09:40 | 2. a \\| b \\# c | health | 10 |');
  });

  it('keeps titles that start like a list, or with spaces, from opening a nested list or a code block under their bullet', () => {
    const facts = noFacts({
      alerts: [alert({ id: 'a1', title: '1. First', issuedAt: NOW }), alert({ id: 'a2', title: '- dash', issuedAt: new Date(NOW.getTime() + 1) }), alert({ id: 'a3', title: '     + indented', issuedAt: new Date(NOW.getTime() + 2) })],
    });
    const theMeeting = meeting({ breaks: undefined });
    const markdown = agendaMarkdown(draftAgenda({ meeting: theMeeting, facts, network, now: NOW }), theMeeting);
    const notes = markdown.split('\n').filter((l) => / — acknowledged/.test(l));
    expect(notes).toEqual(['- 1\\. First (high) — acknowledged 100%', '- \\- dash (high) — acknowledged 100%', '- \\+ indented (high) — acknowledged 100%']);
  });
});

describe('agendaHtml', () => {
  const hostile = `<script>alert("x")</script> & 'co'`;
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;';

  it('escapes every text it prints', () => {
    const theMeeting: Meeting = {
      ...hourMeeting,
      title: hostile,
      location: hostile,
      participants: [...hourMeeting.participants.slice(0, 2), { orgId: 'org-health', slug: 'health', name: hostile }],
    };
    const html = agendaHtml(agendaFor(theMeeting, hostile), theMeeting);
    expect(html).not.toMatch(/<script/i);
    expect(html.split(escaped).length - 1).toBe(7); // <title>, <h1>, where, participants, table row, item heading, source
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
  });

  it('shows the time after the last item as unallocated, and no such row when the agenda fills the meeting', () => {
    const html = agendaHtml(agendaFor(hourMeeting), hourMeeting);
    expect(html).toContain('<tr><td>09:30–09:40</td><td>3. Any other business and close</td><td>centre</td><td>10</td></tr>\n<tr class="spare"><td>09:40–10:00</td><td colspan="3">Unallocated (20 min)</td></tr>');
    const full = draftAgenda({ meeting: hourMeeting, facts: noFacts({ standing: [standing({ id: 'all', minutes: 60 })] }), network, now: NOW });
    expect(agendaHtml(full, hourMeeting)).not.toContain('Unallocated');
    expect(agendaMarkdown(full, hourMeeting)).not.toContain('Unallocated');
  });

  it.each<[string, boolean]>([
    ['https://meet.example.org/q1?a=1&b=2', true],
    ['javascript:alert(1)', false],
    ['https://x.example/"onmouseover="alert(1)', false],
  ])('links the online address %s only when it is http(s)', (url, linked) => {
    const theMeeting = { ...hourMeeting, onlineUrl: url };
    const html = agendaHtml(agendaFor(theMeeting), theMeeting);
    expect(html.includes('<a href=')).toBe(linked);
    expect(html).not.toContain('javascript:');
    if (linked) expect(html).toContain('<a href="https://meet.example.org/q1?a=1&amp;b=2">');
  });

  // FIRST TLP 2.0 colour-coding: label text in the label's colour on black.
  it.each<[TlpLabel, string]>([
    ['TLP:RED', '#FF2B2B'],
    ['TLP:AMBER+STRICT', '#FFC000'],
    ['TLP:AMBER', '#FFC000'],
    ['TLP:GREEN', '#33FF00'],
    ['TLP:CLEAR', '#FFFFFF'],
  ])('puts %s in header and footer in %s on black', (tlp, colour) => {
    const theMeeting = { ...hourMeeting, tlp };
    const agenda = { ...agendaFor(theMeeting), tlp };
    const html = agendaHtml(agenda, theMeeting);
    const badge = `<span class="tlp" style="color:${colour};background-color:#000000">${tlp}</span>`;
    expect(html).toContain(`<header class="tlp-banner">${badge}</header>`);
    expect(html).toContain(`<footer class="tlp-banner">${badge}</footer>`);
    expect(html.indexOf('<header')).toBeLessThan(html.indexOf('<main>'));
    expect(html.indexOf('<footer')).toBeGreaterThan(html.indexOf('</main>'));
  });

  it('has a colour for every TLP label', () => {
    expect(Object.keys(TLP_FONT_COLOURS).sort()).toEqual([...TLP_LABELS].sort());
  });
});

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A strict reader of what meetingIcs writes: checks line endings and folding, then unfolds. */
function parseIcs(ics: string): Property[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/); // no bare CR or LF anywhere
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical.map((line) => {
    const match = /^([A-Z-]+)((?:;[A-Z-]+=(?:"[^"]*"|[^;:,"]*))*):(.*)$/.exec(line);
    if (!match) throw new Error(`not a content line: ${line}`);
    const params: Record<string, string> = {};
    for (const p of match[2].matchAll(/;([A-Z-]+)=("[^"]*"|[^;:,"]*)/g)) params[p[1]] = p[2].replace(/^"|"$/g, '');
    return { name: match[1], params, value: match[3] };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('meetingIcs', () => {
  const theMeeting: Meeting = {
    ...hourMeeting,
    title: 'Network meeting Q1; energy, health \\ Øresund cable review with a title long enough to need folding',
    participants: [
      { orgId: 'org-centre', slug: 'centre', name: 'National Cyber Centre', email: 'soc@centre.example' },
      { orgId: 'org-energy', slug: 'energy', name: 'Energy, sector unit', email: 'cert@energy.example' },
      { orgId: 'org-health', slug: 'health' },
    ],
  };
  const agenda = agendaFor(theMeeting);
  const ics = meetingIcs(theMeeting, agenda);
  const properties = parseIcs(ics);
  const one = (name: string) => {
    const found = properties.filter((p) => p.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('is one VEVENT in a VCALENDAR with the required properties', () => {
    expect(properties.map((p) => p.name)).toEqual([
      'BEGIN',
      'VERSION',
      'PRODID',
      'CALSCALE',
      'BEGIN',
      'UID',
      'DTSTAMP',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'LOCATION',
      'URL',
      'ORGANIZER',
      'ATTENDEE',
      'ATTENDEE',
      'ATTENDEE',
      'DESCRIPTION',
      'CLASS',
      'END',
      'END',
    ]);
    expect(properties.filter((p) => p.name === 'BEGIN' || p.name === 'END').map((p) => `${p.name}:${p.value}`)).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    expect(one('VERSION').value).toBe('2.0');
    expect(one('PRODID').value).toBe('-//isac-hub//meetings//EN');
    expect(one('UID').value).toBe('mtg-q1@isac-hub');
    expect(one('DTSTAMP').value).toBe('20270120T000000Z');
    expect(one('DTSTART').value).toBe('20270203T090000Z');
    expect(one('DTEND').value).toBe('20270203T100000Z');
    expect(one('URL').value).toBe('https://meet.example.org/q1');
    expect(one('CLASS').value).toBe('PRIVATE');
  });

  it('escapes TEXT values and folds long lines', () => {
    expect(ics).toContain('SUMMARY:[TLP:AMBER] Network meeting Q1\\; energy\\, health \\\\ Øresund');
    expect(unescapeText(one('SUMMARY').value)).toBe(`[TLP:AMBER] ${theMeeting.title}`);
    expect(unescapeText(one('LOCATION').value)).toBe('Copenhagen, room 2');
    expect(ics.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
  });

  it('names the organizer and one attendee per participant', () => {
    expect(one('ORGANIZER')).toEqual({ name: 'ORGANIZER', params: { CN: 'Network coordinator' }, value: 'mailto:coordinator@centre.example' });
    expect(properties.filter((p) => p.name === 'ATTENDEE')).toEqual([
      { name: 'ATTENDEE', params: { CUTYPE: 'GROUP', ROLE: 'REQ-PARTICIPANT', CN: 'National Cyber Centre' }, value: 'mailto:soc@centre.example' },
      { name: 'ATTENDEE', params: { CUTYPE: 'GROUP', ROLE: 'REQ-PARTICIPANT', CN: 'Energy, sector unit' }, value: 'mailto:cert@energy.example' },
      { name: 'ATTENDEE', params: { CUTYPE: 'GROUP', ROLE: 'REQ-PARTICIPANT', CN: 'health' }, value: 'urn:isac:organisation:health' },
    ]);
  });

  it('describes the meeting with the TLP label and the agenda', () => {
    expect(unescapeText(one('DESCRIPTION').value)).toBe(
      [
        'TLP:AMBER',
        'Participants: National Cyber Centre, Energy, sector unit, health',
        '',
        'Agenda (times UTC):',
        '09:00–09:20 1. Threat picture (centre)',
        '09:20–09:30 2. Exercise *Baltic* <b> (health)',
        '09:30–09:40 3. Any other business and close (centre)',
        '09:40–10:00 Unallocated (20 min)',
        '',
        'TLP:AMBER',
      ].join('\n'),
    );
  });

  it('names a coordinator without a mail address as ORGANIZER by its urn: attendees never come without an organizer (§3.8.4.3)', () => {
    const noMail: Meeting = { ...theMeeting, organizer: { name: 'National Cyber Centre', slug: 'centre' } };
    const props = parseIcs(meetingIcs(noMail, agendaFor(noMail)));
    expect(props.filter((p) => p.name === 'ORGANIZER')).toEqual([{ name: 'ORGANIZER', params: { CN: 'National Cyber Centre' }, value: 'urn:isac:organisation:centre' }]);
    expect(props.filter((p) => p.name === 'ATTENDEE')).toHaveLength(3);
  });

  it('uses the given stamp, leaves out what is not there, and marks CLEAR public', () => {
    const bare: Meeting = { ...theMeeting, tlp: 'TLP:CLEAR', location: undefined, onlineUrl: undefined, organizer: undefined };
    const props = parseIcs(meetingIcs(bare, { ...agendaFor(bare), tlp: 'TLP:CLEAR' }, { stamp: new Date('2027-01-25T08:15:30.000Z') }));
    const names = props.map((p) => p.name);
    expect(names).not.toContain('LOCATION');
    expect(names).not.toContain('URL');
    expect(names).not.toContain('ORGANIZER');
    // no organizer, so not group-scheduled: the participants are in the description, not attendees
    expect(names).not.toContain('ATTENDEE');
    expect(props.find((p) => p.name === 'DTSTAMP')?.value).toBe('20270125T081530Z');
    expect(props.find((p) => p.name === 'CLASS')?.value).toBe('PUBLIC');
  });
});

describe('the period covered and the version, in every export', () => {
  const period = { from: '2026-11-04T09:00:00.000Z', to: '2027-01-20T00:00:00.000Z' };
  const withPeriod = (): Agenda => ({ ...agendaFor(hourMeeting), period });

  it('HTML states the period right under the title, escaped, before the facts and the timetable', () => {
    const html = agendaHtml(withPeriod(), hourMeeting);
    const line = '<p class="period" id="period"><strong>Period covered:</strong> from 2026-11-04 09:00 UTC to 2027-01-20 00:00 UTC</p>';
    expect(html).toContain(line);
    expect(html.indexOf('<h1>')).toBeLessThan(html.indexOf(line));
    expect(html.indexOf(line)).toBeLessThan(html.indexOf('<dl>'));
    // the first meeting of a series covers everything before it, and says so
    expect(agendaHtml({ ...withPeriod(), period: { from: null, to: period.to } }, hourMeeting)).toContain('<strong>Period covered:</strong> from the start of the series to 2027-01-20 00:00 UTC');
    // an agenda drafted before periods were kept shows none rather than a wrong one
    expect(agendaHtml(agendaFor(hourMeeting), hourMeeting)).not.toContain('Period covered');
  });

  it('Markdown states the period under the heading', () => {
    const lines = agendaMarkdown(withPeriod(), hourMeeting).split('\n');
    expect(lines.slice(2, 5)).toEqual(['# Agenda: Network meeting Q1', '', '**Period covered:** from 2026-11-04 09:00 UTC to 2027-01-20 00:00 UTC']);
  });

  it('a corrected version says which it is and what it replaces; the calendar event carries its revision', () => {
    const v2: Agenda = { ...withPeriod(), version: 2 };
    expect(agendaMarkdown(v2, hourMeeting)).toContain('**Version 2 (corrected; replaces version 1)**');
    expect(agendaHtml(v2, hourMeeting)).toContain('<p class="version" id="version"><strong>Version 2 (corrected; replaces version 1)</strong></p>');
    expect(agendaMarkdown({ ...v2, version: 1 }, hourMeeting)).toContain('**Version 1**');
    expect(meetingIcs(hourMeeting, v2)).toContain('\r\nSEQUENCE:1\r\n');
    expect(meetingIcs(hourMeeting, { ...v2, version: 1 })).not.toContain('SEQUENCE');
  });
});
