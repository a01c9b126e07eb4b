// TAXII 2.1 §3.5 "Pagination": a page holds at most `limit` objects the caller may read, in
// date_added order; `more` says whether anything is left; `next` resumes right after the last row
// scanned (not the last returned), so rows the TLP policy hides are never scanned twice.
import type { StoredVersionRow } from '@isac/stix-store';
import type { Cursor } from './cursor.js';

/** A stored version as the store's page queries answer it (stix-store owns the rows and their shape). */
export type StoredRow = StoredVersionRow;

export interface Page {
  rows: StoredRow[];
  more: boolean;
  /** where the next page starts; absent when `more` is false */
  next?: Cursor;
  /** readable rows per row walked, as filling this page found them (sizes the first batch of the reader's next page) */
  rate?: number;
}

/** One row scanned in date_added order: its position, and the row when it is in the collection and matches the filters. */
export interface ScannedRow {
  position: Cursor;
  row?: StoredRow;
  /** in the incidents collection: the incident cases that filed the row's id (membership still to be decided through them) */
  filedWith?: string[];
}

/**
 * What one scan walked: the rows in the collection, in order, then the last row walked for its
 * position alone when it is not one of them; the rows between are counted, not sent.
 */
export interface ScannedBatch {
  items: ScannedRow[];
  /** rows walked; fewer than asked when nothing is left */
  walked: number;
}

/** Walks up to `count` rows after `after` (exclusive), in (date_added, id, version) order. */
export type RowSource = (after: Cursor | undefined, count: number) => Promise<ScannedBatch>;

export const positionOf = (row: StoredRow): Cursor => ({ dateAdded: row.dateAddedKey, stixId: row.stixId, version: row.version, ownerOrgId: row.authorOrgId });

/** Rows a request scans at most (a short page with `more: true` then), and the largest batch of one query. */
export const MIN_MAX_SCANNED = 10_000;
export const MAX_WINDOW = 10_000;

/**
 * Fills one page: scans batches until `limit` readable rows are found, the rows run out, or
 * `maxScanned` rows have been looked at (then a short page with `more: true`, which §3.4 `limit` allows).
 * The first batch is `limit + 1` rows. A batch that found some readable rows is followed by one
 * sized for what the page still needs at the rate found so far, a quarter more (a sector's
 * collection holds about one row in six of the store: two queries a page, not four); one that found
 * none by one twice as large; one that filled the page exactly by one row (for `more`). No batch
 * goes past `maxScanned`. `expectedRate` (readable rows per row walked, as the reader's previous
 * page of the collection found it) sizes the first batch, a tenth more, so a feed read page after
 * page takes one query a page; it sizes batches only, never what a page holds.
 */
export async function fillPage(
  source: RowSource,
  start: Cursor | undefined,
  limit: number,
  readable: (row: StoredRow) => boolean,
  maxScanned = Math.max(limit * 10, MIN_MAX_SCANNED),
  expectedRate?: number,
): Promise<Page> {
  const rows: StoredRow[] = [];
  let position = start;
  let scanned = 0;
  let window = Math.min(firstWindow(limit, expectedRate), maxScanned);
  for (;;) {
    const batch = await source(position, window);
    for (const [i, item] of batch.items.entries()) {
      if (rows.length === limit) {
        // the rate counts the readable rows of the whole batch walked, those after the page's last too
        const beyond = batch.items.slice(i).filter((b) => b.row !== undefined && readable(b.row)).length;
        return { rows, more: true, next: position, rate: (rows.length + beyond) / (scanned + batch.walked) };
      }
      position = item.position;
      if (item.row !== undefined && readable(item.row)) rows.push(item.row);
    }
    scanned += batch.walked;
    if (batch.walked < window) return { rows, more: false, rate: rows.length / Math.max(scanned, 1) };
    if (scanned >= maxScanned) return { rows, more: true, next: position, rate: rows.length / scanned };
    window = Math.min(nextWindow(window, rows.length, scanned, limit), maxScanned - scanned);
  }
}

/**
 * A tenth more than the previous page's rate asks for: a rate measured over thousands of rows moves
 * by a few hundredths from one page to the next, and each row walked beyond the page is still read
 * and judged. A page that falls short takes one more batch, sized by what it found.
 */
const EXPECTED_RATE_MARGIN = 1.1;

function firstWindow(limit: number, expectedRate: number | undefined): number {
  if (expectedRate === undefined || !(expectedRate > 0) || expectedRate >= 1) return limit + 1;
  return Math.min(Math.ceil(((limit + 1) / expectedRate) * EXPECTED_RATE_MARGIN), Math.max(MAX_WINDOW, limit + 1));
}

function nextWindow(window: number, found: number, scanned: number, limit: number): number {
  // a full page only needs to know whether anything is left: one row, not a larger batch
  if (found === limit) return 1;
  if (found === 0) return Math.min(window * 2, Math.max(MAX_WINDOW, limit + 1));
  const needed = limit - found + 1;
  return Math.min(Math.ceil(((needed * scanned) / found) * 1.25), Math.max(MAX_WINDOW, limit + 1));
}

/** §3.2: the X-TAXII-Date-Added-First / -Last headers of a page (absent when it is empty). */
export function dateAddedHeaders(rows: StoredRow[]): Record<string, string> {
  if (rows.length === 0) return {};
  return { 'X-TAXII-Date-Added-First': rows[0].dateAdded, 'X-TAXII-Date-Added-Last': rows[rows.length - 1].dateAdded };
}
