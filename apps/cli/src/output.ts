// Human output of the user commands: compact tables, the TLP label on every item, times that
// count down. Pure: the commands print what these return.

import type { TlpLabel } from '@isac/tlp';

// FIRST TLP 2.0: the label in its colour on black, so it reads the same on any terminal theme;
// keyed by @isac/tlp's labels, so a label without a colour does not compile
const TLP_COLOURS: Record<TlpLabel, [number, number, number]> = {
  'TLP:RED': [255, 43, 43],
  'TLP:AMBER': [255, 192, 0],
  'TLP:AMBER+STRICT': [255, 192, 0],
  'TLP:GREEN': [51, 255, 0],
  'TLP:CLEAR': [255, 255, 255],
};

const ANSI = /\x1b\[[0-9;]*m/g;
export const visibleLength = (text: string) => text.replace(ANSI, '').length;

export function tlpLabel(label: string | null | undefined, colour: boolean): string {
  const text = label ?? 'TLP:?';
  const rgb = (TLP_COLOURS as Record<string, [number, number, number] | undefined>)[text];
  if (!colour || !rgb) return text;
  return `\x1b[1;38;2;${rgb.join(';')};48;2;0;0;0m${text}\x1b[0m`;
}

/** "1 error", "2 errors": counted in the number the count takes, never "1 errors" or "error(s)". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Columns aligned on what is visible (colour codes take no room); the header in capitals. */
export function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['(none)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i] - visibleLength(cell))))
      .join('  ')
      .trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...rows.map((r) => line(header.map((_, i) => r[i] ?? '')))];
}

/** `2026-11-24 06:00Z`: minutes are enough on a terminal; --json has the full instant. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${rest}m`;
  return `${rest}m`;
}

/** `in 23h 12m` before the instant, `overdue 2h 5m` after it. */
export function countdown(dueIso: string, now: Date): string {
  const ms = new Date(dueIso).getTime() - now.getTime();
  return ms >= 0 ? `in ${span(ms)}` : `overdue ${span(-ms)}`;
}

export const list = (values: string[] | null | undefined) => (values && values.length ? values.join(',') : '-');

export const json = (value: unknown) => JSON.stringify(value, null, 2);
