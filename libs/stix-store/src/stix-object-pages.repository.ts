import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import { PUBLIC_LABEL } from '@isac/tlp';
import { SHARED_OWNER } from './stix-object.entity.js';
import { uuidArrayParam } from './uuid-array.js';

/**
 * The store's read model for paging through stored versions in date_added order (TAXII's
 * collections are built on it). Access is not decided here: the caller passes every row through
 * the TLP policy. date_added is `stored_at`, the instant the version entered the hub.
 */

/** A position in (date_added, id, version, owner) order. */
export interface StoredVersionPosition {
  /** date_added of the last row scanned, as PostgreSQL text with microseconds */
  dateAdded: string;
  stixId: string;
  version: string;
  ownerOrgId: string;
}

/** Which stored versions a scan takes (membership, not access). */
export type StoredVersionScope =
  /** marked TLP:CLEAR */
  | { kind: 'clear' }
  /** the copies of these owners, and the shared marking definitions */
  | { kind: 'authored-by'; orgIds: readonly string[] }
  /** the copies of these owners or addressed to them, and the shared marking definitions */
  | { kind: 'shared-with'; orgIds: readonly string[] }
  /** every version not stored by an exercise */
  | { kind: 'any' }
  /** what exercises stored, and nothing else */
  | { kind: 'exercise' };

/** STIX 2.1 / TAXII §3.4.1 version selectors: `last` is the owner's current version, `first` its earliest by `modified`. */
export type StoredVersionSelector = { kind: 'first' } | { kind: 'last' } | { kind: 'all' } | { kind: 'at'; timestamp: string };

export interface StoredVersionScan {
  scope: StoredVersionScope;
  /** strictly after this date_added (RFC 3339 text) */
  addedAfter?: string;
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  versions: StoredVersionSelector[];
  /** the objects' JSON text with each row; without it, only for objects with granular markings */
  withObjects: boolean;
  /**
   * with each row, how many versions its copy has: of every row, or (`superseded`) of the rows that
   * are not their copy's current version only — to choose `last` among readable versions, a current
   * version the reader may read is the last it may read, whatever the count
   */
  countVersions?: 'every' | 'superseded';
}

export interface StoredVersionRow {
  stixId: string;
  version: string;
  /** date_added as RFC 3339 with microseconds (TAXII §3.2: at least millisecond precision) */
  dateAdded: string;
  /** the same instant as PostgreSQL compares it, for the keyset */
  dateAddedKey: string;
  tlp: string | null;
  authorOrgId: string;
  recipientOrgIds: string[];
  /** the object as stored (JSON text), when the query asked for it; pages put it in the envelope as it is */
  objectJson?: string;
  /** how many versions the row's copy has, when the query asked for it (and, with `superseded`, the row is not current) */
  versionCount?: number;
}

/** One row scanned: its position, and the row when it is in the scope and matches the filters. */
export interface ScannedVersion {
  position: StoredVersionPosition;
  row?: StoredVersionRow;
}

/**
 * What one scan walked: the rows in the scope and matching the filters, in order, and — when the
 * last row walked is not one of them — that row's position alone, so that the next scan resumes
 * after everything walked. The rows between that are not in the scope are counted in `walked`, not
 * sent: a sector's collection walks about five rows of other sectors for each of its own.
 */
export interface ScannedBatch {
  items: ScannedVersion[];
  /** how many rows the scan walked (less than asked: nothing is left after them) */
  walked: number;
}

/** The policy fields of one version of one owner's copy. */
export interface CopyVersion {
  stixId: string;
  authorOrgId: string;
  version: string;
  tlp: string | null;
  recipientOrgIds: string[];
  /** the owner's current version (the store's choice, which `last` follows when the reader may read it) */
  current: boolean;
}

const DATE_ADDED = `to_char(s.stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The instant before which every stored row is committed: `stored_at` is its transaction's start
 * (now()), so a row still being written has stored_at >= the start of a transaction still open.
 * Pages stop there, so a client paging with `next` or polling with added_after never skips a row
 * that commits late (TAXII §3.5). Needs to see other sessions of the database in pg_stat_activity
 * (the same role, or pg_read_all_stats). A session left open in a transaction holds new rows back
 * (never loses them) until it ends; autovacuum and other background workers are not counted.
 * Part of each page's statement (evaluated once, as an InitPlan the index condition uses).
 */
const VISIBLE_BEFORE = `least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                       WHERE datname = current_database() AND backend_type = 'client backend'
                                         AND pid <> pg_backend_pid() AND xact_start IS NOT NULL))`;
/** a row's position, which is also the keyset order */
const POSITION = 's.stored_at, s.stix_id, s.version, s.author_org_id';
const ORDER = POSITION;
const DESCENDING = 's.stored_at DESC, s.stix_id DESC, s.version DESC, s.author_org_id DESC';
const SHARED = `'${SHARED_OWNER}'::uuid`;

interface Row {
  stix_id: string;
  version: string;
  date_added: string;
  member: boolean;
  tlp: string | null;
  author_org_id: string;
  /** PostgreSQL's text form of the uuid[]: `{a,b}` (uuids need no quoting); null for a row walked outside the scope */
  recipients: string | null;
  object_json: string | null;
  version_count?: number | null;
  /** on the walk's last row, the count of rows walked; absent when the request names ids */
  walked?: number | null;
}

@Injectable()
export class StixObjectPagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Walks up to `count` rows after `after` in (date_added, id, version) order; those in the scope and
   * matching the filters come back with their positions and fields, and the last row walked with its
   * position (see ScannedBatch).
   *
   * Two shapes, so that PostgreSQL's plan does not depend on its statistics (this machine runs
   * without autovacuum; a freshly loaded table has none): a walk of the stored_at index bounded by
   * LIMIT, with the scope and filters tested on the rows walked — planned as an ordered index
   * scan whatever the estimates, where one query filtering and limiting at once was planned as a
   * bitmap scan of every later row and a sort, for each page. Requests naming ids are few rows
   * found through the primary key instead.
   */
  async scanAfter(scan: StoredVersionScan, after: StoredVersionPosition | undefined, count: number): Promise<ScannedBatch> {
    // nothing asked, nothing walked (the walk's tail is the count-th row)
    if (count < 1) return { items: [], walked: 0 };
    const { sql, params } = scanSql(scan, after, count);
    const rows: Row[] = await currentManager(this.dataSource).query(sql, params);
    // a request naming ids walks only the rows that match
    if (scan.ids !== undefined) return { items: scannedRows(rows), walked: rows.length };
    // a walk answers its last row last, with the count (none when nothing was left to walk); that
    // row is sent once, as a row in the scope when it is one
    const last = rows.pop();
    if (last === undefined) return { items: [], walked: 0 };
    const before = rows.at(-1);
    if (before === undefined || !samePosition(before, last)) rows.push(last);
    return { items: scannedRows(rows), walked: Number(last.walked) };
  }

  /** The stored JSON text of these versions, by `id version owner`. */
  async objectTexts(rows: { stixId: string; version: string; authorOrgId: string }[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    if (rows.length === 0) return texts;
    const found: { stix_id: string; version: string; author_org_id: string; text: string }[] = await currentManager(this.dataSource).query(
      `SELECT s.stix_id, s.version, s.author_org_id, s.object::text AS text
       FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) AS k(stix_id, version, author_org_id)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.version = k.version AND s.author_org_id = k.author_org_id`,
      [rows.map((r) => r.stixId), rows.map((r) => r.version), rows.map((r) => r.authorOrgId)],
    );
    for (const r of found) texts.set(`${r.stix_id} ${r.version} ${r.author_org_id}`, r.text);
    return texts;
  }

  /**
   * Every version of these owners' copies, oldest first (by `modified`, then date_added), with the
   * fields the TLP policy decides on: to choose `first` and `last` among the versions a reader may read.
   */
  async versionsOfCopies(copies: { stixId: string; authorOrgId: string }[]): Promise<CopyVersion[]> {
    if (copies.length === 0) return [];
    type VersionRow = { stix_id: string; author_org_id: string; version: string; tlp: string | null; recipients: string; is_current: boolean };
    const rows: VersionRow[] = await currentManager(this.dataSource).query(
      `SELECT s.stix_id, s.author_org_id, s.version, s.tlp, s.recipient_org_ids::text AS recipients, s.is_current
       FROM unnest($1::varchar[], $2::uuid[]) AS k(stix_id, author_org_id)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.author_org_id = k.author_org_id
       ORDER BY s.stix_id, s.author_org_id, s.modified_at ASC NULLS FIRST, s.stored_at ASC`,
      [copies.map((c) => c.stixId), copies.map((c) => c.authorOrgId)],
    );
    return rows.map((r) => ({
      stixId: r.stix_id,
      authorOrgId: r.author_org_id,
      version: r.version,
      tlp: r.tlp,
      recipientOrgIds: r.recipients === '{}' ? [] : r.recipients.slice(1, -1).split(','),
      current: r.is_current,
    }));
  }
}

function scanSql(scan: StoredVersionScan, after: StoredVersionPosition | undefined, count: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const range = [`s.stored_at < ${VISIBLE_BEFORE}`];
  if (scan.addedAfter !== undefined) range.push(`s.stored_at > ${p(scan.addedAfter)}::timestamptz`);
  if (after !== undefined) {
    range.push(
      `(s.stored_at, s.stix_id, s.version, s.author_org_id) > (${p(after.dateAdded)}::timestamptz, ${p(after.stixId)}, ${p(after.version)}, ${p(after.ownerOrgId)}::uuid)`,
    );
  }
  const matches = [scopeSql(scan.scope, p)];
  // issue 19: an exercise's objects are in the exercise scope and in no other
  if (scan.scope.kind !== 'exercise') matches.push('s.exercise_id IS NULL');
  if (scan.ids !== undefined) matches.push(`s.stix_id = ANY(${p(scan.ids)}::varchar[])`);
  if (scan.types !== undefined) matches.push(`s.type = ANY(${p(scan.types)}::varchar[])`);
  // the store holds STIX 2.1 only (the validator refuses other spec versions); SCOs may omit it
  if (scan.specVersions !== undefined) matches.push(`coalesce(s.object->>'spec_version', '2.1') = ANY(${p(scan.specVersions)}::text[])`);
  matches.push(versionSql(scan.versions, p));
  // counted for the collection's rows only: a walk of a sector's collection passes over five rows of
  // other sectors for each of its own, and a count for each made most of a page's time (issue 20's scale bench)
  const counted = (member: string) => (scan.countVersions === 'superseded' ? `${member} AND NOT s.is_current` : member);
  const versionCount = (member: string) =>
    scan.countVersions
      ? `, CASE WHEN ${counted(member)}
              THEN (SELECT count(*)::int FROM stix_objects f WHERE f.stix_id = s.stix_id AND f.author_org_id = s.author_org_id) END AS version_count`
      : '';
  // without the objects, those with granular markings all the same: they may be withheld whole
  const object = scan.withObjects ? 's.object::text' : `CASE WHEN strpos(s.object::text, '"granular_markings"') > 0 THEN s.object::text END`;
  if (scan.ids !== undefined) {
    const sql = `SELECT s.stix_id, s.version, ${DATE_ADDED} AS date_added, s.tlp, s.author_org_id,
                        s.recipient_org_ids::text AS recipients${versionCount('true')},
                        true AS member, ${object} AS object_json
                 FROM stix_objects s WHERE ${[...range, ...matches].join(' AND ')} ORDER BY ${ORDER} LIMIT ${p(count)}`;
    return { sql, params };
  }
  // The walk: the stored_at index in order, bounded by LIMIT, membership decided on each row walked;
  // only the rows in the scope come out of it. The last row walked and the count come from the index
  // alone (an index-only scan to the count-th entry, and when fewer remain, the last one and how
  // many): a walk kept whole to find its last row and count it cost a third of the statement.
  // The bound on stored_at is taken once for every branch, so that all of them walk the same rows.
  const afterBound = range
    .slice(1)
    .map((condition) => ` AND ${condition}`)
    .join('');
  const limit = p(count);
  const inRange = `s.stored_at < (SELECT t FROM bound)${afterBound}`;
  const [versionCountOf, noVersionCount] = scan.countVersions ? [', u.version_count', ', NULL'] : ['', ''];
  const sql = `WITH bound AS MATERIALIZED (SELECT ${VISIBLE_BEFORE} AS t),
    tail AS MATERIALIZED (
      SELECT ${POSITION} FROM stix_objects s WHERE ${inRange} ORDER BY ${ORDER} OFFSET ${limit}::int - 1 LIMIT 1)
    SELECT u.stix_id, u.version, u.date_added, u.member, u.tlp, u.author_org_id, u.recipients, u.object_json${versionCountOf}, u.walked
    FROM (
    SELECT ${POSITION}, ${DATE_ADDED} AS date_added, true AS member, s.tlp, s.recipient_org_ids::text AS recipients,
           ${object} AS object_json${versionCount('true')}, NULL::int AS walked
      FROM (SELECT s.*, (${matches.join(' AND ')}) AS member FROM stix_objects s
             WHERE ${inRange} ORDER BY ${ORDER} LIMIT ${limit}) s
     WHERE s.member
    UNION ALL
    SELECT ${POSITION}, ${DATE_ADDED}, false, NULL, NULL, NULL${noVersionCount}, ${limit}::int FROM tail s
    UNION ALL
    SELECT ${POSITION}, ${DATE_ADDED}, false, NULL, NULL, NULL${noVersionCount},
           (SELECT count(*)::int FROM (SELECT 1 FROM stix_objects s WHERE ${inRange} ORDER BY ${ORDER} LIMIT ${limit}) c)
      FROM (SELECT ${POSITION} FROM stix_objects s WHERE ${inRange} ORDER BY ${DESCENDING} LIMIT 1) s
     WHERE NOT EXISTS (SELECT 1 FROM tail)) u
    ORDER BY u.stored_at, u.stix_id, u.version, u.author_org_id, u.member DESC`;
  return { sql, params };
}

function scopeSql(scope: StoredVersionScope, p: (v: unknown) => string): string {
  switch (scope.kind) {
    case 'clear':
      return `s.tlp = ${p(PUBLIC_LABEL)}`;
    case 'authored-by':
      return `(s.author_org_id = ANY(${p(uuidArrayParam(scope.orgIds))}::uuid[]) OR s.author_org_id = ${SHARED})`;
    case 'shared-with': {
      const orgs = p(uuidArrayParam(scope.orgIds));
      // each recipient looked up in the collection's organisations, not `recipient_org_ids && orgs`:
      // `= ANY` of an array known when the statement is planned is a hash lookup (PostgreSQL 14+),
      // `&&` compares every pair — and a sector's collection names 5,000 organisations in a
      // European network, for each row a page walks (issue 20's scale bench). The first recipient
      // is looked up directly, the others (rows addressed to several) through a subquery: one for
      // every row walked made a third of the walk. No recipient at all is NULL there, which the
      // statements' conditions take as false.
      return `(s.author_org_id = ANY(${orgs}::uuid[]) OR s.recipient_org_ids[1] = ANY(${orgs}::uuid[])
               OR (cardinality(s.recipient_org_ids) > 1 AND EXISTS (SELECT 1 FROM unnest(s.recipient_org_ids[2:]) r WHERE r = ANY(${orgs}::uuid[])))
               OR s.author_org_id = ${SHARED})`;
    }
    case 'any':
      return 'true';
    case 'exercise':
      return 's.exercise_id IS NOT NULL';
  }
}

/** §3.4.1: selectors are OR-ed; `last` is the owner's current version, `first` the owner's earliest by `modified`. */
function versionSql(selectors: StoredVersionSelector[], p: (v: unknown) => string): string {
  const parts = selectors.map((selector) => {
    switch (selector.kind) {
      case 'all':
        return 'true';
      case 'last':
        return 's.is_current';
      case 'first':
        return `NOT EXISTS (SELECT 1 FROM stix_objects f WHERE f.stix_id = s.stix_id AND f.author_org_id = s.author_org_id
                  AND (f.modified_at < s.modified_at OR (f.modified_at = s.modified_at AND f.stored_at < s.stored_at)))`;
      case 'at':
        return `s.modified_at = ${p(selector.timestamp)}::timestamptz`;
    }
  });
  return `(${parts.join(' OR ')})`;
}

const samePosition = (a: Row, b: Row) =>
  a.date_added === b.date_added && a.stix_id === b.stix_id && a.version === b.version && a.author_org_id === b.author_org_id;

/** Rows as scanned; one list instance per distinct recipients text, as callers remember TLP decisions per list. */
function scannedRows(rows: Row[]): ScannedVersion[] {
  const lists = new Map<string, string[]>();
  const recipientsOf = (text: string) => {
    let list = lists.get(text);
    if (list === undefined) lists.set(text, (list = text === '{}' ? [] : text.slice(1, -1).split(',')));
    return list;
  };
  return rows.map((r) => {
    const position = { dateAdded: r.date_added, stixId: r.stix_id, version: r.version, ownerOrgId: r.author_org_id };
    if (!r.member) return { position };
    const row: StoredVersionRow = {
      stixId: r.stix_id,
      version: r.version,
      dateAdded: r.date_added,
      dateAddedKey: r.date_added,
      tlp: r.tlp,
      authorOrgId: r.author_org_id,
      recipientOrgIds: recipientsOf(r.recipients ?? '{}'),
      ...(r.object_json === null ? {} : { objectJson: r.object_json }),
      ...(r.version_count === undefined || r.version_count === null ? {} : { versionCount: r.version_count }),
    };
    return { position, row };
  });
}
