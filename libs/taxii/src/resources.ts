// TAXII 2.1 resources built from pages: §3.7 envelope, §5.3 manifest, §5.8 versions, §4.3 status.
import type { Cursor } from './cursor.js';
import { STIX_MEDIA_TYPE } from './media-type.js';
import type { Page, StoredRow } from './paging.js';

/**
 * §3.7 envelope, as the bytes of its JSON text: `more`, `next` only when there is more, `objects`
 * only when there are some. The objects are the stored JSON text put in as it is: parsing and
 * re-serialising them would only cost time (the store holds valid JSON, checked when it was
 * written). Each is encoded once, straight into the response's buffer: a page of 1,000 objects
 * joined into one string first was 700 KB more for the garbage collector on every page.
 */
export function envelopeOf(page: Page, sealNext: (next: Cursor) => string): Buffer {
  let head = `{"more":${page.more}`;
  if (page.more && page.next) head += `,"next":${JSON.stringify(sealNext(page.next))}`;
  const texts = page.rows.map(objectJsonOf);
  if (texts.length === 0) return Buffer.from(`${head}}`, 'utf8');
  head += ',"objects":[';
  const tail = ']}';
  let length = Buffer.byteLength(head) + Buffer.byteLength(tail) + texts.length - 1;
  for (const text of texts) length += Buffer.byteLength(text);
  const bytes = Buffer.allocUnsafe(length);
  let at = bytes.write(head, 0);
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) at = bytes.writeUInt8(0x2c, at); // ','
    at += bytes.write(texts[i], at);
  }
  at += bytes.write(tail, at);
  // every byte written: an uninitialised byte of the buffer must never reach a client
  if (at !== length) throw new Error(`the envelope's ${length} bytes were written as ${at}`);
  return bytes;
}

function objectJsonOf(row: StoredRow): string {
  if (row.objectJson === undefined) throw new Error(`the page of ${row.stixId} was read without its objects`);
  return row.objectJson;
}

/**
 * §5.3.1 manifest-record: id, date_added, version, media_type. An object without `modified` or
 * `created` (an SCO) has its date_added as version.
 */
export function manifestOf(page: Page, sealNext: (next: Cursor) => string) {
  return {
    more: page.more,
    ...(page.more && page.next ? { next: sealNext(page.next) } : {}),
    ...(page.rows.length > 0
      ? {
          objects: page.rows.map((r) => ({
            id: r.stixId,
            date_added: r.dateAdded,
            version: r.version === '' ? r.dateAdded : r.version,
            media_type: STIX_MEDIA_TYPE,
          })),
        }
      : {}),
  };
}

/** §5.8.1 versions resource. */
export function versionsOf(page: Page, sealNext: (next: Cursor) => string) {
  return {
    more: page.more,
    ...(page.more && page.next ? { next: sealNext(page.next) } : {}),
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

/**
 * §2 `timestamp`: TAXII timestamps are written YYYY-MM-DDTHH:MM:SS.ssssssZ, with microsecond
 * precision (unlike STIX's). A JavaScript instant has milliseconds: they are written as microseconds.
 */
export function taxiiTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6})\d*)?Z$/.exec(iso);
  if (!match) throw new Error(`not an RFC 3339 UTC timestamp: ${iso}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(6, '0')}Z`;
}

/**
 * §4.3.1 status resource: counts are exactly the lengths of the lists. A list with nothing in it
 * is left out, not sent empty (§2 `list`: empty lists are prohibited and MUST NOT stand in for an
 * omitted optional property); the counts, which are required, say 0.
 */
export function statusResource(s: StatusRecord) {
  const listed = (name: 'successes' | 'failures' | 'pendings', list: StatusDetail[]) => (list.length > 0 ? { [name]: list } : {});
  return {
    id: s.id,
    status: s.status,
    request_timestamp: taxiiTimestamp(s.requestTimestamp),
    total_count: s.successes.length + s.failures.length + s.pendings.length,
    success_count: s.successes.length,
    ...listed('successes', s.successes),
    failure_count: s.failures.length,
    ...listed('failures', s.failures),
    pending_count: s.pendings.length,
    ...listed('pendings', s.pendings),
  };
}
