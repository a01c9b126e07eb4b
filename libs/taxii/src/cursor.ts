// TAXII 2.1 §3.4 (the `next` parameter) and §3.5: `next` is an opaque string the server hands out and the client sends back with
// the same filters. Ours is a keyset position in date_added order, sealed (@isac/cursors): a page may end on a row
// the caller may not read, and its position must say nothing of it (DESIGN §2 "No oracle").

/** A position in (date_added, id, version) order; sealed as it is, so a field added here travels in the cursor. */
export interface Cursor {
  /** date_added of the last row scanned, as PostgreSQL text with microseconds */
  dateAdded: string;
  stixId: string;
  version: string;
  /** the owner of the row's copy (@isac/stix-store keys rows by id, owner and version) */
  ownerOrgId: string;
}

export function isCursor(value: unknown): value is Cursor {
  if (typeof value !== 'object' || value === null) return false;
  const { dateAdded, stixId, version, ownerOrgId } = value as Record<string, unknown>;
  return (
    typeof dateAdded === 'string' &&
    !Number.isNaN(Date.parse(dateAdded)) &&
    typeof stixId === 'string' &&
    typeof version === 'string' &&
    typeof ownerOrgId === 'string'
  );
}
