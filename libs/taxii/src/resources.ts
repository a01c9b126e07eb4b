// TAXII 2.1 resources built from pages: §3.7 envelope, §5.3 manifest, §5.7 versions, §4.3 status.
import { encodeCursor } from './cursor.js';
import { STIX_MEDIA_TYPE } from './media-type.js';
import type { Page, StoredRow } from './paging.js';

/**
 * §3.7 envelope, as JSON text: `more`, `next` only when there is more, `objects` only when there
 * are some. The objects are the stored JSON text put in as it is: parsing and re-serialising them
 * would only cost time (the store holds valid JSON, checked when it was written).
 */
export function envelopeOf(page: Page): string {
  let text = `{"more":${page.more}`;
  if (page.more && page.next) text += `,"next":${JSON.stringify(encodeCursor(page.next))}`;
  if (page.rows.length > 0) text += `,"objects":[${page.rows.map(objectJsonOf).join(',')}]`;
  return text + '}';
}

function objectJsonOf(row: StoredRow): string {
  if (row.objectJson === undefined) throw new Error(`the page of ${row.stixId} was read without its objects`);
  return row.objectJson;
}

/**
 * §5.3 manifest-record: id, date_added, version, media_type. An object without `modified` or
 * `created` (an SCO) has its date_added as version.
 */
export function manifestOf(page: Page) {
  return {
    more: page.more,
    ...(page.more && page.next ? { next: encodeCursor(page.next) } : {}),
    ...(page.rows.length > 0
      ? { objects: page.rows.map((r) => ({ id: r.stixId, date_added: r.dateAdded, version: r.version === '' ? r.dateAdded : r.version, media_type: STIX_MEDIA_TYPE })) }
      : {}),
  };
}

/** §5.7 versions resource. */
export function versionsOf(page: Page) {
  return {
    more: page.more,
    ...(page.more && page.next ? { next: encodeCursor(page.next) } : {}),
    ...(page.rows.length > 0 ? { versions: page.rows.map((r) => (r.version === '' ? r.dateAdded : r.version)) } : {}),
  };
}

export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

export interface StatusRecord {
  id: string;
  status: 'pending' | 'complete';
  requestTimestamp: string;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

/** §4.3.1 status resource: counts are exactly the lengths of the lists. */
export function statusResource(s: StatusRecord) {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.successes.length + s.failures.length + s.pendings.length,
    success_count: s.successes.length,
    successes: s.successes,
    failure_count: s.failures.length,
    failures: s.failures,
    pending_count: s.pendings.length,
    pendings: s.pendings,
  };
}
