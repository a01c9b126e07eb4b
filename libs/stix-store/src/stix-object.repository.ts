import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { StixObjectEntity } from './stix-object.entity.js';
import { ByVersion } from './versioning.js';

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

/** A stored version without its content: what the store's checks and storage need of every id. */
export interface HeldVersion {
  stixId: string;
  version: string;
  revoked: boolean;
  isCurrent: boolean;
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

/**
 * Rows per INSERT. One statement per batch keeps the query text (and the driver's copy of it as
 * bytes) to a few MB whatever the bundle's size; fewer, larger statements are no faster.
 */
export const INSERT_BATCH = 2_000;

@Injectable()
export class StixObjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Every stored version of these ids, without content: one query for a whole submission. */
  async heldVersionsOf(ids: string[], manager?: EntityManager): Promise<HeldVersion[]> {
    if (ids.length === 0) return [];
    const rows: { stix_id: string; version: string; revoked: boolean; is_current: boolean }[] = await this.db(manager).query(
      `SELECT stix_id, version, revoked, is_current FROM stix_objects WHERE stix_id = ANY($1::varchar[])`,
      [ids],
    );
    return rows.map((r) => ({ stixId: r.stix_id, version: r.version, revoked: r.revoked, isCurrent: r.is_current }));
  }

  /** The stored JSON text of these exact versions: for submissions that repeat them. */
  async storedTexts(keys: { stixId: string; version: string }[], manager?: EntityManager): Promise<ByVersion<string>> {
    const texts = new ByVersion<string>();
    if (keys.length === 0) return texts;
    const rows: { stix_id: string; version: string; text: string }[] = await this.db(manager).query(
      `SELECT s.stix_id, s.version, s.object::text AS text
       FROM unnest($1::varchar[], $2::varchar[]) AS k(stix_id, version)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.version = k.version`,
      [keys.map((k) => k.stixId), keys.map((k) => k.version)],
    );
    for (const r of rows) texts.set(r.stix_id, r.version, r.text);
    return texts;
  }

  /**
   * Inserts one batch of versions (at most INSERT_BATCH); a version already stored is left as it is
   * (the same (id, version) again is a no-op). Each row is inserted current unless its id is in
   * `several` (ids that may now have more than one version: see markCurrent). Returns how many rows were new.
   */
  async insertVersions(versions: StixObjectVersion[], authorOrgId: string, recipientOrgIds: string[], several: ReadonlySet<string>, manager?: EntityManager): Promise<number> {
    if (versions.length === 0) return 0;
    // one JSON parameter per batch: PostgreSQL unpacks it (json_to_recordset) faster than the
    // driver escapes one array per column, and a `json` sub-value keeps the object's text as given
    let rows = '[';
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i];
      rows +=
        (i === 0 ? '' : ',') +
        `{"i":${JSON.stringify(v.stixId)},"v":${JSON.stringify(v.version)},"m":${v.modifiedAt ? `"${v.modifiedAt.toISOString()}"` : 'null'},"t":${JSON.stringify(v.type)},` +
        `"c":${v.createdByRef === null ? 'null' : JSON.stringify(v.createdByRef)},"l":${v.tlp === null ? 'null' : JSON.stringify(v.tlp)},"r":${v.revoked},"k":${!several.has(v.stixId)},"o":${JSON.stringify(v.object)}}`;
    }
    rows += ']';
    const [{ n }]: { n: number }[] = await this.db(manager).query(
      `WITH inserted AS (
         INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, created_by_ref, tlp, recipient_org_ids, revoked, is_current, object)
         SELECT v.i, v.v, v.m, v.t, $2::uuid, v.c, v.l, $3::uuid[], v.r, v.k, v.o
         FROM json_to_recordset($1::json) AS v(i varchar, v varchar, m timestamptz, t varchar, c varchar, l varchar, r boolean, k boolean, o json)
         ON CONFLICT (stix_id, version) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [rows, authorOrgId, recipientOrgIds],
    );
    return n;
  }

  /** STIX 2.1 §3.6: the version with the latest `modified` supersedes the others. */
  async markCurrent(ids: string[], manager?: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await this.db(manager).query(
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
