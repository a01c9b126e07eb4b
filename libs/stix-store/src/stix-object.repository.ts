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
  /** The object as received, serialised once (JSON.stringify keeps key order and custom properties). */
  json: string;
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
   * Inserts versions not stored yet (the same (id, version) again is a no-op) and marks, for each
   * id touched, the latest version as current. Returns how many rows were new.
   */
  async insertVersions(versions: StixObjectVersion[], authorOrgId: string, recipientOrgIds: string[], manager?: EntityManager): Promise<number> {
    const db = this.db(manager);
    let inserted = 0;
    for (let start = 0; start < versions.length; start += INSERT_BATCH) {
      const batch = versions.slice(start, start + INSERT_BATCH);
      const result: unknown[] = await db.query(
        `INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, created_by_ref, tlp, recipient_org_ids, revoked, is_current, object)
         SELECT v.stix_id, v.version, v.modified_at, v.type, $5::uuid, v.created_by_ref, v.tlp, $6::uuid[], v.revoked, false, v.object::json
         FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::varchar[], $7::varchar[], $8::varchar[], $9::boolean[], $10::text[])
           AS v(stix_id, version, modified_at, type, created_by_ref, tlp, revoked, object)
         ON CONFLICT (stix_id, version) DO NOTHING
         RETURNING 1`,
        [
          batch.map((v) => v.stixId),
          batch.map((v) => v.version),
          batch.map((v) => v.modifiedAt),
          batch.map((v) => v.type),
          authorOrgId,
          recipientOrgIds,
          batch.map((v) => v.createdByRef),
          batch.map((v) => v.tlp),
          batch.map((v) => v.revoked),
          batch.map((v) => v.json),
        ],
      );
      inserted += result.length;
    }
    await this.markCurrent([...new Set(versions.map((v) => v.stixId))], db);
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
