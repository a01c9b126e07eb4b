// PostgreSQL COPY text format (COPY … FROM STDIN): one line per row, columns separated by tabs,
// NULL as \N; backslash, newline, carriage return and tab inside a value are written as
// backslash escapes. Pure: the repository streams these lines to the server.

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One column's value in COPY text format. */
export function copyField(value: string | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // most values hold none of the four characters: no regex pass for them
  return value.includes('\\') || value.includes('\n') || value.includes('\r') || value.includes('\t') ? value.replace(SPECIAL, (c) => ESCAPES[c]) : value;
}

/** One row of COPY text format, ended by `end` (a newline, or further columns already formatted and a newline). */
export function copyRow(values: readonly (string | boolean | null)[], end = '\n'): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i]);
  return line + end;
}
