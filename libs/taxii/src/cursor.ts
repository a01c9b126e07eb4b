// TAXII 2.1 §3.4 (the `next` parameter) and §3.5: `next` is an opaque string the server hands out and the client sends back with
// the same filters. Ours is a keyset position in date_added order: (date_added, id, version).
import { taxiiErrors } from './taxii-error.js';

export interface Cursor {
  /** date_added of the last row scanned, as PostgreSQL text with microseconds */
  dateAdded: string;
  stixId: string;
  version: string;
  /** the owner of the row's copy (@isac/stix-store keys rows by id, owner and version) */
  ownerOrgId: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.dateAdded, cursor.stixId, cursor.version, cursor.ownerOrgId]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'string') && !Number.isNaN(Date.parse(value[0]))) {
      return { dateAdded: value[0], stixId: value[1], version: value[2], ownerOrgId: value[3] };
    }
  } catch {
    // fall through: not one of ours
  }
  throw taxiiErrors.badRequest(`next "${text}" is not a value this server handed out.`, { parameter: 'next' });
}
