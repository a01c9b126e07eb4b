// The few pieces of RFC 5545 (iCalendar) that an invitation needs, written out rather than taken
// from a package: content lines, folding, TEXT escaping, UTC date-times and parameter values.

/** RFC 5545 §3.1: content lines are delimited by CRLF. */
export const CRLF = '\r\n';

/** RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
export const MAX_LINE_OCTETS = 75;

// RFC 5545 §3.3.11: TEXT may not hold control characters other than HTAB (newlines are escaped).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * RFC 5545 §3.3.11: in TEXT a backslash, semicolon and comma are escaped with a backslash and a
 * line break is written `\n`. A colon is not escaped.
 */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * RFC 5545 §3.1: a long line is split by inserting CRLF followed by one space; the space is not
 * part of the value. Splits fall between characters, never inside a UTF-8 sequence ("care must
 * be taken not to split a multi-octet character"), so every physical line stays ≤ 75 octets.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0)!);
    if (octets + size > limit) {
      physical.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += character;
    octets += size;
  }
  physical.push(current);
  return physical.join(`${CRLF} `);
}

/** RFC 5545 §3.3.5, form #2 (UTC): 19970714T173000Z — seconds kept, milliseconds dropped. */
export function utcDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * RFC 5545 §3.2: a parameter value containing ":", ";" or "," is quoted; a double quote cannot
 * appear in one at all (quoted or not), so it is replaced by a single quote.
 */
export function paramValue(value: string): string {
  const safe = value.replace(CONTROL_CHARACTERS, '').replace(/[\r\n]/g, ' ').replace(/"/g, "'");
  return /[:;,]/.test(safe) ? `"${safe}"` : safe;
}

/** One folded content line `NAME;PARAM=VALUE:value`; the value must already be in its type's form. */
export function contentLine(name: string, value: string, params: Record<string, string> = {}): string {
  const paramText = Object.entries(params)
    .map(([key, v]) => `;${key}=${paramValue(v)}`)
    .join('');
  return foldLine(`${name}${paramText}:${value}`);
}

/** A mailto URI when the address looks like one (no spaces, quotes or line breaks could slip into the line). */
export function mailto(address: string | undefined): string | undefined {
  if (address === undefined || !/^[^\s"<>:;,@]+@[^\s"<>:;,@]+$/.test(address)) return undefined;
  return `mailto:${address}`;
}
