import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '@isac/problems';
import { currentManager, inTransaction } from '@isac/unit-of-work';
import { StixObjectEntity } from './stix-object.entity.js';
import { copyField, copyRow } from './copy-format.js';
import { idLockBuckets } from './id-locks.js';
import { ByVersion, type HeldVersion } from './versioning.js';

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

/** A stored version of some owner's copy, without content, with the fields the TLP policy decides on. */
export interface StoredCopy extends HeldVersion {
  authorOrgId: string;
  tlp: string | null;
  recipientOrgIds: string[];
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

/** The author and recipients: the same for every row of a submission. */
interface SharedColumns {
  authorOrgId: string;
  recipients: string;
}

/** The first key of the store's advisory locks ('STIX'), apart from any other use of advisory locks. */
const ID_LOCK_SPACE = 0x53544958;

/** Rows per chunk written to the COPY stream: bounds what is held as text at once. */
const COPY_CHUNK = 500;

/** The columns a submission brings; the author and recipients are the same for all its rows. */
const INCOMING_COLUMNS = 'stix_id, version, modified_at, type, created_by_ref, tlp, revoked, is_current, object';

@Injectable()
export class StixObjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  /** The transaction statements run in now (undefined outside one): `lockIds` holds its locks until it ends. */
  currentTransaction(): object | undefined {
    return inTransaction(this.dataSource) ? this.db : undefined;
  }

  /**
   * Locks these ids until the transaction ends: writers of the same id take turns. Two submissions
   * of one id at once would otherwise each miss the other's uncommitted row — both would store their
   * version as current, or a new version past a revocation committed meanwhile — so the store's
   * checks and its writes happen under this lock, and a statement run after it sees what an earlier
   * writer committed (READ COMMITTED). One call per transaction, or later calls for a subset of the
   * ids: buckets taken in two rounds could wait crosswise on another writer's.
   * Outside a transaction (a dry-run check) there is nothing to hold, and nothing is locked.
   */
  async lockIds(ids: Iterable<string>): Promise<void> {
    if (!inTransaction(this.dataSource)) return;
    const buckets = idLockBuckets(ids);
    if (buckets.length === 0) return;
    // unnest yields the buckets in the ascending order given: the locks are taken in that order
    await this.db.query(`SELECT pg_advisory_xact_lock(${ID_LOCK_SPACE}, bucket) FROM unnest($1::int[]) AS bucket`, [buckets]);
  }

  /**
   * What the store holds of these ids, without content, in one query for a whole submission: every
   * version of every owner's copy, with the fields the TLP policy decides on (whether the writer may
   * read another's version is the caller's question, and what it may not read must count as absent).
   */
  async rowsOf(ids: string[]): Promise<StoredCopy[]> {
    if (ids.length === 0) return [];
    const rows: { stix_id: string; author_org_id: string; version: string; revoked: boolean; is_current: boolean; tlp: string | null; recipients: string }[] =
      await this.db.query(
        `SELECT stix_id, author_org_id, version, revoked, is_current, tlp, recipient_org_ids::text AS recipients FROM stix_objects WHERE stix_id = ANY($1::varchar[])`,
        [ids],
      );
    return rows.map((r) => ({
      stixId: r.stix_id,
      authorOrgId: r.author_org_id,
      version: r.version,
      revoked: r.revoked,
      isCurrent: r.is_current,
      tlp: r.tlp,
      recipientOrgIds: r.recipients === '{}' ? [] : r.recipients.slice(1, -1).split(','),
    }));
  }

  /** The stored JSON text of these exact versions of one owner's copies: for submissions that repeat them. */
  async storedTexts(keys: { stixId: string; version: string; authorOrgId: string }[]): Promise<ByVersion<string>> {
    const texts = new ByVersion<string>();
    if (keys.length === 0) return texts;
    const rows: { stix_id: string; version: string; text: string }[] = await this.db.query(
      `SELECT s.stix_id, s.version, s.object::text AS text
       FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) AS k(stix_id, version, author_org_id)
       JOIN stix_objects s ON s.stix_id = k.stix_id AND s.version = k.version AND s.author_org_id = k.author_org_id`,
      [keys.map((k) => k.stixId), keys.map((k) => k.version), keys.map((k) => k.authorOrgId)],
    );
    for (const r of rows) texts.set(r.stix_id, r.version, r.text);
    return texts;
  }

  /**
   * Stores the versions not held yet (the same (id, version) again is a no-op) and returns how many
   * rows were new. Runs in the unit of work's transaction (one must be open). `versions(keep)` makes the rows of the ids `keep`
   * accepts, as they are streamed a chunk of text at a time; a row is inserted current unless its id is in `several` (ids that may
   * now have more than one version: see markCurrent).
   *
   * Rows of ids not in `several` should all be new: they are streamed with COPY straight into
   * stix_objects, under a savepoint. Should one be there after all (the same submission committed
   * by another request meanwhile), the key refuses the COPY, the savepoint undoes it and every row
   * goes the careful way. The careful way — for the rows of ids in `several` (a follow-up report
   * repeats its identity and markings), or for all after such a refusal — is COPY into a temporary
   * table of the transaction, then one INSERT … ON CONFLICT DO NOTHING into stix_objects.
   */
  async insertVersions(
    versions: (keep: (stixId: string) => boolean) => Iterable<StixObjectVersion>,
    authorOrgId: string,
    recipientOrgIds: string[],
    several: ReadonlySet<string>,
  ): Promise<number> {
    const manager = this.db;
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('insertVersions runs inside a transaction');
    const client = (await runner.connect()) as PoolClient;
    const copyInto = (table: string, columns: string, rows: Iterable<StixObjectVersion>, shared?: SharedColumns) =>
      pipeline(Readable.from(copyChunks(rows, several, shared)), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));

    let copied = 0;
    const fresh = function* () {
      for (const v of versions((id) => !several.has(id))) {
        copied++;
        yield v;
      }
    };
    await manager.query(`SAVEPOINT stix_objects_copy`);
    try {
      await copyInto('stix_objects', `${INCOMING_COLUMNS}, author_org_id, recipient_org_ids`, fresh(), {
        authorOrgId,
        recipients: `{${recipientOrgIds.join(',')}}`,
      });
      await manager.query(`RELEASE SAVEPOINT stix_objects_copy`);
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT stix_objects_copy`);
      if (!isUniqueViolation(error)) throw error;
      return this.insertCarefully(
        () =>
          copyInto(
            'stix_objects_incoming',
            INCOMING_COLUMNS,
            versions(() => true),
          ),
        authorOrgId,
        recipientOrgIds,
      );
    }
    if (several.size === 0) return copied;
    const known = versions((id) => several.has(id));
    return copied + (await this.insertCarefully(() => copyInto('stix_objects_incoming', INCOMING_COLUMNS, known), authorOrgId, recipientOrgIds));
  }

  /** The careful way: `copy` fills a temporary table, one INSERT … ON CONFLICT DO NOTHING moves what is new. */
  private async insertCarefully(copy: () => Promise<void>, authorOrgId: string, recipientOrgIds: string[]): Promise<number> {
    const manager = this.db;
    await manager.query(
      `CREATE TEMP TABLE stix_objects_incoming (stix_id varchar(300), version varchar(40), modified_at timestamptz, type varchar(250),
         created_by_ref varchar(300), tlp varchar(24), revoked boolean, is_current boolean, object json) ON COMMIT DROP`,
    );
    await copy();
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, created_by_ref, tlp, recipient_org_ids, revoked, is_current, object)
         SELECT stix_id, version, modified_at, type, $1::uuid, created_by_ref, tlp, $2::uuid[], revoked, is_current, object FROM stix_objects_incoming
         ON CONFLICT (stix_id, author_org_id, version) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [authorOrgId, recipientOrgIds],
    );
    await manager.query(`DROP TABLE stix_objects_incoming`);
    return n;
  }

  /** STIX 2.1 §3.6: of one owner's copy, the version with the latest `modified` supersedes the others. */
  async markCurrent(ids: string[], ownerOrgId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE stix_objects s SET is_current = (s.version = latest.version)
       FROM (SELECT DISTINCT ON (stix_id) stix_id, version FROM stix_objects WHERE stix_id = ANY($1::varchar[]) AND author_org_id = $2
             ORDER BY stix_id, modified_at DESC NULLS LAST, stored_at ASC) latest
       WHERE s.stix_id = latest.stix_id AND s.author_org_id = $2 AND s.is_current IS DISTINCT FROM (s.version = latest.version)`,
      [ids, ownerOrgId],
    );
  }

  /** The current version of each id in the copies of these owners (absent ids are left out). */
  async currentOf(ids: string[], ownerOrgIds: string[]): Promise<CurrentObject[]> {
    if (ids.length === 0) return [];
    const rows: {
      stix_id: string;
      type: string;
      author_org_id: string;
      tlp: string | null;
      recipient_org_ids: string[];
      revoked: boolean;
      object: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT stix_id, type, author_org_id, tlp, recipient_org_ids, revoked, object FROM stix_objects
         WHERE stix_id = ANY($1::varchar[]) AND author_org_id = ANY($2::uuid[]) AND is_current`,
      [ids, ownerOrgIds],
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

  async count(): Promise<number> {
    return this.db.getRepository(StixObjectEntity).count();
  }

  /**
   * Marks as the exercise's the versions of `ids` this transaction wrote for `ownerOrgId` (issue 19):
   * only those — `stored_at` is the transaction's start, now() — never a version stored before by
   * real work. (Not xmin: the store may write its rows in a subtransaction, with an xid of its own.)
   */
  async markExercise(exerciseId: string, ownerOrgId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE stix_objects SET exercise_id = $1
        WHERE stix_id = ANY($2::varchar[]) AND author_org_id = $3 AND stored_at = now() AND exercise_id IS NULL`,
      [exerciseId, ids, ownerOrgId],
    );
  }

  /**
   * §5.7 TAXII delete: removes these versions of one owner's copy of an id and marks the copy's
   * latest remaining version current, as an insert does (STIX 2.1 §3.6: the latest `modified`
   * supersedes). In the transaction that holds the id's lock (StixStoreService.deleteVersions): a
   * store of the same id committing in between would otherwise leave no current version, or two.
   */
  async deleteVersions(stixId: string, ownerOrgId: string, versions: string[]): Promise<number> {
    // a DELETE's result is [rows, affected count]
    const [, deleted]: [unknown[], number] = await this.db.query(
      `DELETE FROM stix_objects WHERE stix_id = $1 AND author_org_id = $2 AND version = ANY($3::varchar[])`,
      [stixId, ownerOrgId, versions],
    );
    await this.db.query(
      `UPDATE stix_objects s SET is_current = (s.version = latest.version)
       FROM (SELECT version FROM stix_objects WHERE stix_id = $1 AND author_org_id = $2 ORDER BY modified_at DESC NULLS LAST, stored_at ASC LIMIT 1) latest
       WHERE s.stix_id = $1 AND s.author_org_id = $2 AND s.is_current IS DISTINCT FROM (s.version = latest.version)`,
      [stixId, ownerOrgId],
    );
    return deleted;
  }

  async purgeExercise(exerciseId: string): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.db.query(`DELETE FROM stix_objects WHERE exercise_id = $1`, [exerciseId]);
    return deleted;
  }
}

/**
 * The versions as COPY text, COPY_CHUNK rows at a time; each object's JSON is written once, here.
 * With `shared`, each row ends with the author and recipients all rows have.
 */
function* copyChunks(versions: Iterable<StixObjectVersion>, several: ReadonlySet<string>, shared?: SharedColumns): Generator<string> {
  let chunk = '';
  let rows = 0;
  const tail = shared ? `\t${copyField(shared.authorOrgId)}\t${copyField(shared.recipients)}\n` : '\n';
  for (const v of versions) {
    chunk += copyRow(
      [
        v.stixId,
        v.version,
        v.modifiedAt ? v.modifiedAt.toISOString() : null,
        v.type,
        v.createdByRef,
        v.tlp,
        v.revoked,
        !several.has(v.stixId),
        JSON.stringify(v.object),
      ],
      tail,
    );
    if (++rows === COPY_CHUNK) {
      yield chunk;
      chunk = '';
      rows = 0;
    }
  }
  if (rows > 0) yield chunk;
}
