import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { StixObjectEntity } from './stix-object.entity.js';

export interface StixObjectVersion {
  stixId: string;
  version: string;
  modifiedAt: Date | null;
  type: string;
  createdByRef: string | null;
  tlp: string | null;
  revoked: boolean;
  /** The object as received; serialised batch by batch (JSON.stringify keeps key order and custom properties). */
  object: Record<string, unknown>;
}

export interface StoredVersion {
  stixId: string;
  version: string;
  revoked: boolean;
  isCurrent: boolean;
  object: Record<string, unknown>;
}

export interface CurrentObject {
  stixId: string;
  type: string;
  authorOrgId: string;
  tlp: string | null;
  recipientOrgIds: string[];
  revoked: boolean;
  object: Record<string, unknown>;
}

/** Rows per INSERT: unnest() takes one array per column, so the batch size bounds memory, not parameters. */
const INSERT_BATCH = 5_000;

@Injectable()
export class StixObjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Which of these ids have any stored version. */
  async existingIds(ids: string[], manager?: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { stix_id: string }[] = await this.db(manager).query(`SELECT DISTINCT stix_id FROM stix_objects WHERE stix_id = ANY($1::varchar[])`, [ids]);
    return new Set(rows.map((r) => r.stix_id));
  }

  /** Stored versions of the given ids (all versions), to compare with a submission. */
  async versionsOf(ids: string[], manager?: EntityManager): Promise<StoredVersion[]> {
    if (ids.length === 0) return [];
    const rows: { stix_id: string; version: string; revoked: boolean; is_current: boolean; object: Record<string, unknown> }[] = await this.db(manager).query(
      `SELECT stix_id, version, revoked, is_current, object FROM stix_objects WHERE stix_id = ANY($1::varchar[])`,
      [ids],
    );
    return rows.map((r) => ({ stixId: r.stix_id, version: r.version, revoked: r.revoked, isCurrent: r.is_current, object: r.object }));
  }

  /**
   * Inserts versions not stored yet (the same (id, version) again is a no-op). Ids that may now
   * have several versions (`reversion`) get their latest marked current; every other row is
   * inserted current. Returns how many rows were new.
   */
  async insertVersions(versions: StixObjectVersion[], authorOrgId: string, recipientOrgIds: string[], reversion: string[], manager?: EntityManager): Promise<number> {
    const db = this.db(manager);
    const several = new Set(reversion);
    let inserted = 0;
    for (let start = 0; start < versions.length; start += INSERT_BATCH) {
      // one JSON parameter per batch: PostgreSQL unpacks it (json_to_recordset) faster than the
      // driver escapes one array per column, and a `json` sub-value keeps the object's text as given
      const rows = versions.slice(start, start + INSERT_BATCH).map((v) =>
        `{"i":${JSON.stringify(v.stixId)},"v":${JSON.stringify(v.version)},"m":${v.modifiedAt ? JSON.stringify(v.modifiedAt.toISOString()) : 'null'},"t":${JSON.stringify(v.type)},` +
        `"c":${v.createdByRef === null ? 'null' : JSON.stringify(v.createdByRef)},"l":${v.tlp === null ? 'null' : JSON.stringify(v.tlp)},"r":${v.revoked},"k":${!several.has(v.stixId)},"o":${JSON.stringify(v.object)}}`,
      );
      const [{ n }]: { n: number }[] = await db.query(
        `WITH inserted AS (
           INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, created_by_ref, tlp, recipient_org_ids, revoked, is_current, object)
           SELECT v.i, v.v, v.m, v.t, $2::uuid, v.c, v.l, $3::uuid[], v.r, v.k, v.o
           FROM json_to_recordset($1::json) AS v(i varchar, v varchar, m timestamptz, t varchar, c varchar, l varchar, r boolean, k boolean, o json)
           ON CONFLICT (stix_id, version) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        ['[' + rows.join(',') + ']', authorOrgId, recipientOrgIds],
      );
      inserted += n;
    }
    await this.markCurrent(reversion, db);
    return inserted;
  }

  /** STIX 2.1 §3.6: the version with the latest `modified` supersedes the others. */
  private async markCurrent(ids: string[], db: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await db.query(
      `UPDATE stix_objects s SET is_current = (s.version = latest.version)
       FROM (SELECT DISTINCT ON (stix_id) stix_id, version FROM stix_objects WHERE stix_id = ANY($1::varchar[])
             ORDER BY stix_id, modified_at DESC NULLS LAST, stored_at ASC) latest
       WHERE s.stix_id = latest.stix_id AND s.is_current IS DISTINCT FROM (s.version = latest.version)`,
      [ids],
    );
  }

  /** The current version of each id (absent ids are left out). */
  async currentOf(ids: string[], manager?: EntityManager): Promise<CurrentObject[]> {
    if (ids.length === 0) return [];
    const rows: { stix_id: string; type: string; author_org_id: string; tlp: string | null; recipient_org_ids: string[]; revoked: boolean; object: Record<string, unknown> }[] =
      await this.db(manager).query(
        `SELECT stix_id, type, author_org_id, tlp, recipient_org_ids, revoked, object FROM stix_objects WHERE stix_id = ANY($1::varchar[]) AND is_current`,
        [ids],
      );
    return rows.map((r) => ({
      stixId: r.stix_id,
      type: r.type,
      authorOrgId: r.author_org_id,
      tlp: r.tlp,
      recipientOrgIds: r.recipient_org_ids,
      revoked: r.revoked,
      object: r.object,
    }));
  }

  async count(manager?: EntityManager): Promise<number> {
    return this.db(manager).getRepository(StixObjectEntity).count();
  }
}
