import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PUBLIC_LABEL } from '@isac/tlp';
import type { Membership } from './collections.js';
import type { Cursor } from './cursor.js';
import type { TaxiiFilter } from './filters.js';
import type { ScannedRow, StoredRow } from './paging.js';

/**
 * TAXII reads of the `stix_objects` table owned by @isac/stix-store (which offers reads by id
 * only): collection pages in date_added order with the §3.4 filters. Access is not decided here;
 * the service passes every row through the TLP policy. date_added is `stored_at`, the instant the
 * version entered the hub.
 */
export interface RowQuery {
  membership: Membership;
  filter: Pick<TaxiiFilter, 'addedAfter' | 'ids' | 'types' | 'versions' | 'specVersions'>;
  /** envelopes need the objects; manifests and versions need their keys, and the objects with granular markings only */
  withObjects: boolean;
  /** with each row, how many versions its copy has (to choose first/last among the versions a reader may read) */
  countVersions?: boolean;
}

/** The policy fields of one version of one owner's copy, with what orders its versions. */
export interface CopyVersion {
  stixId: string;
  authorOrgId: string;
  version: string;
  tlp: string | null;
  recipientOrgIds: string[];
}

const DATE_ADDED = `to_char(s.stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The instant before which every stored row is committed: `stored_at` is its transaction's start
 * (now()), so a row still being written has stored_at >= the start of a transaction still open.
 * Pages stop there, so a client paging with `next` or polling with added_after never skips a row
 * that commits late (§3.5). Needs to see other sessions of the database in pg_stat_activity (the
 * same role, or pg_read_all_stats). A session left open in a transaction holds new rows back
 * (never loses them) until it ends; autovacuum and other background workers are not counted.
 * Part of each page's statement (evaluated once, as an InitPlan the index condition uses).
 */
const VISIBLE_BEFORE = `least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                       WHERE datname = current_database() AND backend_type = 'client backend'
                                         AND pid <> pg_backend_pid() AND xact_start IS NOT NULL))`;
const ORDER = 's.stored_at, s.stix_id, s.version, s.author_org_id';
/** marking definitions are held once for everyone (@isac/stix-store SHARED_OWNER): in every collection that holds what organisations shared */
export const SHARED_OWNER_ID = '00000000-0000-0000-0000-000000000000';
const SHARED_OWNER = `'${SHARED_OWNER_ID}'::uuid`;

interface Row {
  stix_id: string;
  version: string;
  date_added: string;
  member: boolean;
  tlp: string | null;
  author_org_id: string;
  /** PostgreSQL's text form of the uuid[]: `{a,b}` (uuids need no quoting) */
  recipients: string;
  object_json: string | null;
  version_count?: number;
}

@Injectable()
export class TaxiiObjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Scans up to `count` rows after `after` in (date_added, id, version) order; each comes back with
   * its position, and with its fields when it is in the collection and matches the filters.
   *
   * Two shapes, so that PostgreSQL's plan does not depend on its statistics (this machine runs
   * without autovacuum; a freshly loaded table has none): a walk of the stored_at index bounded by
   * LIMIT, with the collection and filters tested on the rows walked — planned as an ordered index
   * scan whatever the estimates, where one query filtering and limiting at once was planned as a
   * bitmap scan of every later row and a sort, for each page. Requests naming ids are few rows
   * found through the primary key instead.
   *
   * In the incidents collection every row walked is a candidate, and comes back with the cases
   * that filed its id (`filedWith`): whether it is in the collection is the TLP policy's decision
   * on those cases (TaxiiReadService), not this query's; rows no case filed are not candidates.
   */
  async scanAfter(query: RowQuery, after: Cursor | undefined, count: number): Promise<ScannedRow[]> {
    if (query.membership.kind === 'incident-cases') return this.scanCandidates(query, after, count);
    const { sql, params } = this.scanSql(query, after, count);
    return scannedRows(await this.dataSource.query(sql, params));
  }

  /** The incidents collection's scan: the rows' keys, the cases filing them, then the objects of the filed ones only. */
  private async scanCandidates(query: RowQuery, after: Cursor | undefined, count: number): Promise<ScannedRow[]> {
    const { sql, params } = this.scanSql({ ...query, withObjects: false }, after, count);
    const scanned = scannedRows(await this.dataSource.query(sql, params));
    const filing = await this.casesFiling([...new Set(scanned.flatMap((s) => (s.row ? [s.row.stixId] : [])))]);
    const candidates = scanned.map((s): ScannedRow => {
      const filedWith = s.row && filing.get(s.row.stixId);
      return filedWith ? { ...s, filedWith } : { position: s.position };
    });
    if (!query.withObjects) return candidates;
    const texts = await this.objectTexts(candidates.flatMap((c) => (c.row ? [c.row] : [])));
    return candidates.map((c) => {
      const objectJson = c.row && texts.get(`${c.row.stixId} ${c.row.version} ${c.row.authorOrgId}`);
      // a version deleted between the two statements is gone from this page too
      return c.row && objectJson !== undefined ? { ...c, row: { ...c.row, objectJson } } : { position: c.position };
    });
  }

  /** The stored JSON text of these versions, by `id version`. */
  private async objectTexts(rows: StoredRow[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    if (rows.length === 0) return texts;
    const found: { stix_id: string; version: string; author_org_id: string; text: string }[] = await this.dataSource.query(
      `SELECT s.stix_id, s.version, s.author_org_id, s.object::text AS text
       FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) AS k(stix_id, version, author_org_id)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.version = k.version AND s.author_org_id = k.author_org_id`,
      [rows.map((r) => r.stixId), rows.map((r) => r.version), rows.map((r) => r.authorOrgId)],
    );
    for (const r of found) texts.set(`${r.stix_id} ${r.version} ${r.author_org_id}`, r.text);
    return texts;
  }

  /**
   * The incident cases whose reports filed each of these ids (incident_timeline.object_ids, owned
   * by @isac/incidents): for the candidates of one scanned batch only. `&&` finds the reports naming
   * any of them through the GIN index on object_ids; the unnest then says which id each names.
   */
  private async casesFiling(stixIds: string[]): Promise<Map<string, string[]>> {
    const filing = new Map<string, string[]>();
    if (stixIds.length === 0) return filing;
    const rows: { stix_id: string; case_ids: string[] }[] = await this.dataSource.query(
      `SELECT f.stix_id, array_agg(DISTINCT t.case_id) AS case_ids
       FROM incident_timeline t CROSS JOIN LATERAL unnest(t.object_ids) AS f(stix_id)
       WHERE t.object_ids && $1::text[] AND f.stix_id = ANY($1::text[]) GROUP BY f.stix_id`,
      [stixIds],
    );
    for (const r of rows) filing.set(r.stix_id, r.case_ids);
    return filing;
  }

  private scanSql(query: RowQuery, after: Cursor | undefined, count: number): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { filter } = query;
    const range = [`s.stored_at < ${VISIBLE_BEFORE}`];
    if (filter.addedAfter !== undefined) range.push(`s.stored_at > ${p(filter.addedAfter)}::timestamptz`);
    if (after !== undefined) {
      range.push(`(s.stored_at, s.stix_id, s.version, s.author_org_id) > (${p(after.dateAdded)}::timestamptz, ${p(after.stixId)}, ${p(after.version)}, ${p(after.ownerOrgId)}::uuid)`);
    }
    const matches = [this.membershipSql(query.membership, p)];
    // issue 19: an exercise's objects are in the exercise collection and in no other
    if (query.membership.kind !== 'exercise') matches.push('s.exercise_id IS NULL');
    if (filter.ids !== undefined) matches.push(`s.stix_id = ANY(${p(filter.ids)}::varchar[])`);
    if (filter.types !== undefined) matches.push(`s.type = ANY(${p(filter.types)}::varchar[])`);
    // the store holds STIX 2.1 only (the validator refuses other spec versions); SCOs may omit it
    if (filter.specVersions !== undefined) matches.push(`coalesce(s.object->>'spec_version', '2.1') = ANY(${p(filter.specVersions)}::text[])`);
    matches.push(this.versionSql(filter.versions, p));
    const versionCount = query.countVersions
      ? `, (SELECT count(*)::int FROM stix_objects f WHERE f.stix_id = s.stix_id AND f.author_org_id = s.author_org_id) AS version_count`
      : '';
    const fields = `s.stix_id, s.version, ${DATE_ADDED} AS date_added, s.tlp, s.author_org_id, s.recipient_org_ids::text AS recipients${versionCount}`;
    // without the objects, those with granular markings all the same: they may be withheld whole (granular-rows.ts)
    const object = query.withObjects ? 's.object::text' : `CASE WHEN strpos(s.object::text, '"granular_markings"') > 0 THEN s.object::text END`;
    const byKey = filter.ids !== undefined;
    const sql = byKey
      ? `SELECT ${fields}, true AS member, ${object} AS object_json FROM stix_objects s
         WHERE ${[...range, ...matches].join(' AND ')} ORDER BY ${ORDER} LIMIT ${p(count)}`
      : `WITH walked AS MATERIALIZED (SELECT * FROM stix_objects s WHERE ${range.join(' AND ')} ORDER BY ${ORDER} LIMIT ${p(count)})
         SELECT ${fields}, s.member, CASE WHEN s.member THEN ${object} END AS object_json
         FROM (SELECT s.*, (${matches.join(' AND ')}) AS member FROM walked s) s ORDER BY ${ORDER}`;
    return { sql, params };
  }

  /**
   * Every version of these owners' copies, oldest first (by `modified`, then date_added), with the
   * fields the TLP policy decides on: to choose `first` and `last` among the versions a reader may read.
   */
  async versionsOfCopies(copies: { stixId: string; authorOrgId: string }[]): Promise<CopyVersion[]> {
    if (copies.length === 0) return [];
    const rows: { stix_id: string; author_org_id: string; version: string; tlp: string | null; recipients: string }[] = await this.dataSource.query(
      `SELECT s.stix_id, s.author_org_id, s.version, s.tlp, s.recipient_org_ids::text AS recipients
       FROM unnest($1::varchar[], $2::uuid[]) AS k(stix_id, author_org_id)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.author_org_id = k.author_org_id
       ORDER BY s.stix_id, s.author_org_id, s.modified_at ASC NULLS FIRST, s.stored_at ASC`,
      [copies.map((c) => c.stixId), copies.map((c) => c.authorOrgId)],
    );
    return rows.map((r) => ({ stixId: r.stix_id, authorOrgId: r.author_org_id, version: r.version, tlp: r.tlp, recipientOrgIds: r.recipients === '{}' ? [] : r.recipients.slice(1, -1).split(',') }));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * §5.7 delete: removes these versions of one owner's copy of an id from the store (the one write
   * TAXII makes to stix_objects) and marks the copy's latest remaining version current, as the store does on insert
   * (STIX 2.1 §3.6: the latest `modified` supersedes). In the caller's transaction, once it holds
   * the id's lock (TaxiiWriteService): a store of the same id committing in between would
   * otherwise leave no current version, or two.
   */
  async deleteVersions(stixId: string, ownerOrgId: string, versions: string[], manager: EntityManager): Promise<number> {
    // a DELETE's result is [rows, affected count]
    const [, deleted]: [unknown[], number] = await manager.query(`DELETE FROM stix_objects WHERE stix_id = $1 AND author_org_id = $2 AND version = ANY($3::varchar[])`, [
      stixId,
      ownerOrgId,
      versions,
    ]);
    await manager.query(
      `UPDATE stix_objects s SET is_current = (s.version = latest.version)
       FROM (SELECT version FROM stix_objects WHERE stix_id = $1 AND author_org_id = $2 ORDER BY modified_at DESC NULLS LAST, stored_at ASC LIMIT 1) latest
       WHERE s.stix_id = $1 AND s.author_org_id = $2 AND s.is_current IS DISTINCT FROM (s.version = latest.version)`,
      [stixId, ownerOrgId],
    );
    return deleted;
  }

  private membershipSql(membership: Membership, p: (v: unknown) => string): string {
    switch (membership.kind) {
      case 'clear':
        return `s.tlp = ${p(PUBLIC_LABEL)}`;
      case 'authored-by':
        return `(s.author_org_id = ANY(${p(membership.orgIds)}::uuid[]) OR s.author_org_id = ${SHARED_OWNER})`;
      case 'shared-with': {
        const orgs = p(membership.orgIds);
        return `(s.author_org_id = ANY(${orgs}::uuid[]) OR s.recipient_org_ids && ${orgs}::uuid[] OR s.author_org_id = ${SHARED_OWNER})`;
      }
      case 'incident-cases':
        // every row is a candidate: the cases filing it decide (scanAfter)
        return 'true';
      case 'exercise':
        return 's.exercise_id IS NOT NULL';
    }
  }

  /** §3.4.1: selectors are OR-ed; `last` is the owner's current version, `first` the owner's earliest by `modified`. */
  private versionSql(selectors: TaxiiFilter['versions'], p: (v: unknown) => string): string {
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
}

/** Rows as scanned; one list instance per distinct recipients text, as the TLP decisions are remembered per list (read-decisions.ts). */
function scannedRows(rows: Row[]): ScannedRow[] {
  const lists = new Map<string, string[]>();
  const recipientsOf = (text: string) => {
    let list = lists.get(text);
    if (list === undefined) lists.set(text, (list = text === '{}' ? [] : text.slice(1, -1).split(',')));
    return list;
  };
  return rows.map((r) => {
    const position = { dateAdded: r.date_added, stixId: r.stix_id, version: r.version, ownerOrgId: r.author_org_id };
    if (!r.member) return { position };
    const row: StoredRow = {
      stixId: r.stix_id,
      version: r.version,
      dateAdded: r.date_added,
      dateAddedKey: r.date_added,
      tlp: r.tlp,
      authorOrgId: r.author_org_id,
      recipientOrgIds: recipientsOf(r.recipients),
      ...(r.object_json === null ? {} : { objectJson: r.object_json }),
      ...(r.version_count === undefined ? {} : { versionCount: r.version_count }),
    };
    return { position, row };
  });
}
