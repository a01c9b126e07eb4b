import { fillPage, dateAddedHeaders, positionOf, type StoredRow } from './paging.js';
import { envelopeOf, manifestOf, statusResource } from './resources.js';
import { randomBytes } from 'node:crypto';
import { CursorSeal } from '@isac/cursors';
import { TaxiiCursors } from './taxii-cursors.service.js';
import type { Cursor } from './cursor.js';

const row = (n: number, readable = true): StoredRow => ({
  stixId: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  version: '2026-01-01T00:00:00.000Z',
  dateAdded: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000000Z`,
  dateAddedKey: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000000Z`,
  tlp: readable ? 'TLP:GREEN' : 'TLP:RED',
  authorOrgId: 'a',
  recipientOrgIds: [],
  objectJson: JSON.stringify({ n }),
});

type Scanned = { position: Cursor; row?: StoredRow };

/** A batch as the store answers one: what is in the collection, then the last row walked for its position alone. */
const batchOf = (walked: Scanned[]) => {
  const items = walked.filter((s, i) => s.row !== undefined || i === walked.length - 1);
  return { items, walked: walked.length };
};

const source = (rows: StoredRow[]) => async (after: Cursor | undefined, count: number) => {
  const start = after === undefined ? 0 : rows.findIndex((r) => r.dateAddedKey === after.dateAdded && r.stixId === after.stixId) + 1;
  return batchOf(rows.slice(start, start + count).map((r) => ({ position: positionOf(r), row: r })));
};
const readable = (r: StoredRow) => r.tlp !== 'TLP:RED';

/** 3,000 rows of which those at the places `inCollection` picks are in the collection, and the batch sizes asked of it. */
function countedCollection(inCollection: (place: number) => boolean) {
  const rows = Array.from({ length: 3000 }, (_, i) => row(i % 100, true));
  rows.forEach((r, i) => (r.stixId = `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
  const asked: number[] = [];
  const scan = async (after: Cursor | undefined, count: number) => {
    asked.push(count);
    const start = after === undefined ? 0 : rows.findIndex((r) => r.stixId === after.stixId) + 1;
    return batchOf(
      rows.slice(start, start + count).map((r, i) => (inCollection(start + i) ? { position: positionOf(r), row: r } : { position: positionOf(r) })),
    );
  };
  return { rows, asked, scan };
}

/** every sixth row in the collection */
function oneRowInSix() {
  const { rows, asked, scan } = countedCollection((place) => place % 6 === 0);
  return { rows, asked, sixth: scan };
}

describe('pagination (§3.5)', () => {
  it('pages through everything exactly once, skipping what the reader may not see', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => row(i, i % 4 !== 3));
    const seen: number[] = [];
    let cursor: Cursor | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await fillPage(source(rows), cursor, 5, readable);
      seen.push(...page.rows.map((r) => (JSON.parse(r.objectJson!) as { n: number }).n));
      expect(page.rows.length).toBeLessThanOrEqual(5);
      if (!page.more) break;
      cursor = page.next;
    }
    expect(seen).toEqual(rows.filter(readable).map((r) => (JSON.parse(r.objectJson!) as { n: number }).n));
  });

  it('more is false exactly when nothing is left', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => row(i));
    expect((await fillPage(source(rows), undefined, 5, readable)).more).toBe(false);
    expect((await fillPage(source(rows), undefined, 4, readable)).more).toBe(true);
  });

  it('a page of hidden rows stops after maxScanned and resumes after them', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i, i >= 25));
    const page = await fillPage(source(rows), undefined, 2, readable, 10);
    expect(page.rows).toEqual([]);
    expect(page.more).toBe(true);
    const rest = await fillPage(source(rows), page.next, 10, readable);
    expect(rest.rows.map((r) => (JSON.parse(r.objectJson!) as { n: number }).n)).toEqual([25, 26, 27, 28, 29]);
  });

  it('rows scanned outside the collection or the filters move the position on without being returned', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i));
    // every third row is not a member: scanned (position) but not offered (no row)
    const sparse = async (after: Cursor | undefined, count: number) =>
      batchOf(
        (await source(rows)(after, count)).items.map((scanned) => (Number(scanned.row!.stixId.slice(-2)) % 3 === 0 ? { position: scanned.position } : scanned)),
      );
    const first = await fillPage(sparse, undefined, 4, readable);
    expect(first.rows.map((r) => r.stixId.slice(-2))).toEqual(['01', '02', '04', '05']);
    expect(first.more).toBe(true);
    const second = await fillPage(sparse, first.next, 10, readable);
    expect(second.rows.map((r) => r.stixId.slice(-2))).toEqual(['07', '08', '10', '11']);
    expect(second.more).toBe(false);
  });

  it('a batch that sends only the rows in the collection and the last position walked pages as one that sends every row', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i, i % 5 !== 4));
    const member = (r: StoredRow) => Number(r.stixId.slice(-2)) % 3 !== 0;
    const walk = (after: Cursor | undefined, count: number) => {
      const start = after === undefined ? 0 : rows.findIndex((r) => r.stixId === after.stixId) + 1;
      return rows.slice(start, start + count).map((r): Scanned => (member(r) ? { position: positionOf(r), row: r } : { position: positionOf(r) }));
    };
    const everyRow = async (after: Cursor | undefined, count: number) => {
      const walked = walk(after, count);
      return { items: walked, walked: walked.length };
    };
    const trimmed = async (after: Cursor | undefined, count: number) => batchOf(walk(after, count));
    for (const limit of [1, 2, 3, 7, 50]) {
      const pages = async (scan: typeof everyRow) => {
        const seen: string[][] = [];
        let cursor: Cursor | undefined;
        for (let n = 0; n < 50; n++) {
          const page = await fillPage(scan, cursor, limit, readable, 12);
          seen.push(page.rows.map((r) => r.stixId.slice(-2)));
          if (!page.more) return seen;
          cursor = page.next;
        }
        throw new Error('did not end');
      };
      const expected = await pages(everyRow);
      expect(await pages(trimmed)).toEqual(expected);
      expect(expected.flat()).toEqual(rows.filter((r) => member(r) && readable(r)).map((r) => r.stixId.slice(-2)));
    }
  });

  it('a small limit over a sparse collection costs a few growing batches, not one query per row', async () => {
    // only the last row is in the collection
    const { rows, asked, scan: sparse } = countedCollection((place) => place === 2999);
    const page = await fillPage(sparse, undefined, 1, readable);
    expect(page.rows.map((r) => r.stixId)).toEqual([rows[2999].stixId]);
    expect(page.more).toBe(false);
    expect(asked).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]);
  });

  it('a collection of one row in six fills a page in two batches: the second sized for what is left at the rate found', async () => {
    const { rows, asked, sixth } = oneRowInSix();
    const page = await fillPage(sixth, undefined, 100, readable);
    expect(page.rows.map((r) => rows.indexOf(r))).toEqual(Array.from({ length: 100 }, (_, i) => i * 6));
    expect([page.more, page.next?.stixId]).toEqual([true, rows[594].stixId]);
    // 17 rows found in the first 101: the 84 left (and one more, for `more`) at that rate, a quarter more
    expect(asked).toEqual([101, Math.ceil(((84 * 101) / 17) * 1.25)]);
    // the next page starts right after the last row returned
    const next = await fillPage(sixth, page.next, 100, readable);
    expect(rows.indexOf(next.rows[0])).toBe(600);
  });

  it('the rate a previous page found sizes the first batch (one query a page); a wrong rate changes the batches, not the page', async () => {
    const { rows, asked, sixth } = oneRowInSix();
    const first = await fillPage(sixth, undefined, 100, readable);
    expect(first.rate).toBeCloseTo(1 / 6, 2);
    asked.length = 0;
    const second = await fillPage(sixth, first.next, 100, readable, undefined, first.rate);
    expect(asked).toEqual([Math.ceil((101 / first.rate!) * 1.1)]);
    expect(second.rows.map((r) => rows.indexOf(r))).toEqual(Array.from({ length: 100 }, (_, i) => 600 + i * 6));
    expect(second.rate).toBeCloseTo(1 / 6, 2);
    for (const wrong of [0.9, 0.01, 0, Number.NaN, 5]) {
      const again = await fillPage(sixth, first.next, 100, readable, undefined, wrong);
      expect([again.rows, again.more, again.next]).toEqual([second.rows, second.more, second.next]);
    }
  });

  it('a page full at the end of a batch asks for one row more (is anything left?), not a larger batch', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i, i !== 1));
    const asked: number[] = [];
    const counted = async (after: Cursor | undefined, count: number) => {
      asked.push(count);
      return source(rows)(after, count);
    };
    // rows 0, 2 fill a page of two from the first batch of three (row 1 hidden)
    const page = await fillPage(counted, undefined, 2, readable);
    expect(page.rows.map((r) => r.stixId.slice(-2))).toEqual(['00', '02']);
    expect([page.more, page.next?.stixId.slice(-2)]).toEqual([true, '02']);
    expect(asked).toEqual([3, 1]);
    // and when nothing is left, more is false
    const last = await fillPage(
      counted,
      { dateAdded: rows[8].dateAddedKey, stixId: rows[8].stixId, version: rows[8].version, ownerOrgId: rows[8].authorOrgId },
      3,
      readable,
    );
    expect([last.rows.length, last.more]).toEqual([3, false]);
  });

  it('envelope, manifest and headers', async () => {
    const rows = [row(1), row(2), row(3)];
    const page = await fillPage(source(rows), undefined, 2, readable);
    const cursors = new TaxiiCursors(new CursorSeal(randomBytes(32)));
    const seal = (c: Cursor) => cursors.encode(c);
    const envelope = JSON.parse(envelopeOf(page, seal).toString('utf8')) as { more: boolean; next?: string; objects?: unknown[] };
    expect(envelope.more).toBe(true);
    expect(cursors.decode(envelope.next!).stixId).toBe(rows[1].stixId);
    expect(envelope.objects).toEqual([{ n: 1 }, { n: 2 }]);
    expect(manifestOf(page, seal).objects![0]).toEqual({
      id: rows[0].stixId,
      date_added: rows[0].dateAdded,
      version: rows[0].version,
      media_type: 'application/stix+json;version=2.1',
    });
    expect(dateAddedHeaders(page.rows)).toEqual({ 'X-TAXII-Date-Added-First': rows[0].dateAdded, 'X-TAXII-Date-Added-Last': rows[1].dateAdded });
    expect(JSON.parse(envelopeOf({ rows: [], more: false }, seal).toString('utf8'))).toEqual({ more: false });
  });

  it('an envelope is exactly the bytes of its JSON text, whatever the objects hold', () => {
    // one-, two-, three- and four-byte UTF-8, escapes, and an object alone
    const texts = ['{"name":"Zürich"}', '{"name":"東京 — 🛰️"}', '{"pattern":"[file:name = \\"a\\\\b\\"]"}', '{}'];
    const page = { rows: texts.map((objectJson, i) => ({ ...row(i + 1), objectJson })), more: false };
    const bytes = envelopeOf(page, () => 'unused');
    const expected = `{"more":false,"objects":[${texts.join(',')}]}`;
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect((JSON.parse(bytes.toString('utf8')) as { objects: unknown[] }).objects).toEqual(texts.map((t) => JSON.parse(t)));
    const one = envelopeOf({ rows: [{ ...row(1), objectJson: texts[1] }], more: false }, () => 'unused');
    expect(one.toString('utf8')).toBe(`{"more":false,"objects":[${texts[1]}]}`);
  });

  it('status counts are the list lengths', () => {
    const s = statusResource({
      id: 's',
      status: 'pending',
      requestTimestamp: '2026-01-01T00:00:00.000Z',
      successes: [{ id: 'a', version: 'v' }],
      failures: [],
      pendings: [{ id: 'b', version: 'v' }],
    });
    expect([s.total_count, s.success_count, s.failure_count, s.pending_count]).toEqual([2, 1, 0, 1]);
  });
});
