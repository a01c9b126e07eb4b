import { contentLine, escapeText, foldLine, mailto, paramValue, utcDateTime } from './icalendar.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeText (RFC 5545 §3.3.11)', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['line 1\nline 2', 'line 1\\nline 2'],
    ['crlf\r\nand cr\r', 'crlf\\nand cr\\n'],
    ['TLP:AMBER', 'TLP:AMBER'], // a colon is not escaped in TEXT
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['tab\tstays', 'tab\tstays'],
    ['\\n literally', '\\\\n literally'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine (RFC 5545 §3.1)', () => {
  it.each<[string, string, string]>([
    ['75 octets stay on one line', 'A'.repeat(75), 'A'.repeat(75)],
    ['76 octets fold after 75', 'A'.repeat(76), `${'A'.repeat(75)}\r\n A`],
    ['continuations carry 74 octets after the space', 'A'.repeat(75 + 74 + 1), `${'A'.repeat(75)}\r\n ${'A'.repeat(74)}\r\n A`],
    ['a 2-octet character is not split', `${'A'.repeat(74)}é`, `${'A'.repeat(74)}\r\n é`],
    ['a 4-octet character is not split', `${'A'.repeat(73)}🔒`, `${'A'.repeat(73)}\r\n 🔒`],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(foldLine(input)).toBe(expected);
  });

  it('keeps every physical line within 75 octets and loses nothing when unfolded', () => {
    const line = `DESCRIPTION:${'Øresund – kabel 🔒 '.repeat(40)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(10);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('utcDateTime (RFC 5545 §3.3.5, form #2)', () => {
  it.each<[string, string]>([
    ['2027-02-03T09:00:00.000Z', '20270203T090000Z'],
    ['2027-12-31T23:59:59.999Z', '20271231T235959Z'],
    ['2027-02-03T10:30:00+01:00', '20270203T093000Z'],
  ])('%s → %s', (input, expected) => {
    expect(utcDateTime(new Date(input))).toBe(expected);
  });
});

describe('parameter values (RFC 5545 §3.2)', () => {
  it.each<[string, string]>([
    ['Energy', 'Energy'],
    ['Energy, Unit', '"Energy, Unit"'],
    ['a:b', '"a:b"'],
    ['say "hi"', "say 'hi'"],
    ['two\nlines', 'two lines'],
  ])('%j → %s', (input, expected) => {
    expect(paramValue(input)).toBe(expected);
  });

  it('builds a content line with parameters', () => {
    expect(contentLine('ATTENDEE', 'mailto:a@b.example', { CUTYPE: 'GROUP', CN: 'Health; unit' })).toBe('ATTENDEE;CUTYPE=GROUP;CN="Health; unit":mailto:a@b.example');
  });
});

describe('mailto', () => {
  it.each<[string | undefined, string | undefined]>([
    ['soc@energy.example', 'mailto:soc@energy.example'],
    [undefined, undefined],
    ['not an address', undefined],
    ['a@b.example\r\nATTENDEE:x', undefined],
    ['a;b@c.example', undefined],
  ])('%j → %j', (input, expected) => {
    expect(mailto(input)).toBe(expected);
  });
});
