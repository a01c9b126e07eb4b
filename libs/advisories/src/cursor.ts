// Keyset cursors of the advisory list and the inbox: the last row's (timestamp, id), sealed
// (@isac/cursors) as every listing's cursor, so a cursor names no advisory and cannot be forged.
import type { CursorPurpose, CursorSeal } from '@isac/cursors';

export interface KeysetPosition {
  at: string;
  id: string;
}

export function encodeCursor(seal: CursorSeal, purpose: CursorPurpose, position: { at: Date; id: string }): string {
  return seal.seal(purpose, [position.at.toISOString(), position.id]);
}

/** undefined when the cursor is not one this hub sealed for `purpose`. */
export function decodeCursor(seal: CursorSeal, purpose: CursorPurpose, cursor: string): KeysetPosition | undefined {
  const value = seal.open(purpose, cursor);
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0])) && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/.test(value[1])) {
    return { at: value[0], id: value[1] };
  }
  return undefined;
}
