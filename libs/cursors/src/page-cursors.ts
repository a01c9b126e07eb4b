// The one codec of the REST lists' `next` (TAXII's `next` has its own, libs/taxii/src/cursor.ts): a page ends on a
// row, newest first, and the next page starts after it. The position is sealed (CursorSeal) for its list, so a
// cursor names no row and one list's cursor is refused by every other.
import { Injectable } from '@nestjs/common';
import { CursorSeal, type CursorPurpose } from './cursor-seal.js';

export type ListPurpose = Exclude<CursorPurpose, 'taxii'>;

/** The last row of a page ordered by (time, id): advisories, inbox entries, cases. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/** The last row of a page ordered by a serial id alone: the audit log's entries (a PostgreSQL bigint). */
export interface SerialPosition {
  id: string;
}

interface Positions {
  advisories: KeysetPosition;
  inbox: KeysetPosition;
  incidents: KeysetPosition;
  audit: SerialPosition;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 18 digits always fit a bigint
const SERIAL = /^\d{1,18}$/;
const SERIAL_LISTS: ReadonlySet<ListPurpose> = new Set(['audit']);

function keysetFrom(value: unknown): KeysetPosition | undefined {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string' || !UUID.test(value[1])) return undefined;
  const at = new Date(value[0]);
  return Number.isNaN(at.getTime()) ? undefined : { at, id: value[1] };
}

@Injectable()
export class PageCursors {
  constructor(private readonly seal: CursorSeal) {}

  /** The `next` of a page that ends on `last`. */
  next<L extends ListPurpose>(list: L, last: Positions[L]): string {
    const position = 'at' in last ? [last.at.toISOString(), last.id] : last.id;
    return this.seal.seal(list, position);
  }

  /** The position `text` names, or undefined when it is not a `next` this hub sealed for `list` (tampered, forged, another list's). */
  open<L extends ListPurpose>(list: L, text: string): Positions[L] | undefined {
    const value = this.seal.open(list, text);
    if (SERIAL_LISTS.has(list)) return (typeof value === 'string' && SERIAL.test(value) ? { id: value } : undefined) as Positions[L] | undefined;
    return keysetFrom(value) as Positions[L] | undefined;
  }
}
