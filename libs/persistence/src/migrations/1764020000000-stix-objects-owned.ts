import type { MigrationInterface, QueryRunner } from 'typeorm';

/** restriction rank of a stored marking; an unmarked row is readable by its owner only: the strictest */
const RANK = (column: string) =>
  `CASE ${column} WHEN 'TLP:CLEAR' THEN 0 WHEN 'TLP:GREEN' THEN 1 WHEN 'TLP:AMBER' THEN 2 WHEN 'TLP:AMBER+STRICT' THEN 3 WHEN 'TLP:RED' THEN 4 ELSE 5 END`;

/**
 * DESIGN §2 ownership: stix_objects is keyed by (id, owner, version), so every organisation holds
 * its own copy of an id and nobody else can version, re-mark or overwrite it.
 *
 * Rows written before, by another organisation than the first to store an id (an overwrite the
 * old key allowed), become that organisation's own copy. Where such a copy carries a weaker marking
 * than the first owner's current one, it takes the first owner's marking and recipients (fail
 * closed: a re-marked copy reaches no reader the original did not, besides the organisation that
 * wrote it). Marking definitions move to the shared owner, one row per id and version (the first stored).
 * Each owner's latest version is then its current one.
 */
export class StixObjectsOwned1764020000000 implements MigrationInterface {
  name = 'StixObjectsOwned1764020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "stix_objects" DROP CONSTRAINT "PK_a826b899eead154456177565537"`);
    await db.query(`DROP INDEX "stix_objects_date_added"`);
    await db.query(
      `WITH first_owner AS (
         SELECT DISTINCT ON (stix_id) stix_id, author_org_id FROM stix_objects ORDER BY stix_id, stored_at, version),
       original AS (
         SELECT DISTINCT ON (s.stix_id) s.stix_id, s.tlp, s.recipient_org_ids FROM stix_objects s
         JOIN first_owner f ON f.stix_id = s.stix_id AND f.author_org_id = s.author_org_id
         ORDER BY s.stix_id, s.modified_at DESC NULLS LAST, s.stored_at DESC)
       UPDATE stix_objects s SET tlp = o.tlp, recipient_org_ids = o.recipient_org_ids
       FROM original o, first_owner f
       WHERE s.stix_id = o.stix_id AND f.stix_id = s.stix_id AND s.author_org_id <> f.author_org_id
         AND s.type <> 'marking-definition' AND ${RANK('s.tlp')} < ${RANK('o.tlp')}`,
    );
    await db.query(
      `UPDATE stix_objects SET author_org_id = '00000000-0000-0000-0000-000000000000', tlp = 'TLP:GREEN', recipient_org_ids = '{}'
       WHERE type = 'marking-definition'`,
    );
    await db.query(`ALTER TABLE "stix_objects" ADD CONSTRAINT "PK_66bb988253c17ff01fc1f7c28f6" PRIMARY KEY ("stix_id", "author_org_id", "version")`);
    await db.query(`CREATE INDEX "stix_objects_date_added" ON "stix_objects" ("stored_at", "stix_id", "version", "author_org_id")`);
    await db.query(
      `UPDATE stix_objects s SET is_current = (s.version = latest.version)
       FROM (SELECT DISTINCT ON (stix_id, author_org_id) stix_id, author_org_id, version FROM stix_objects
             ORDER BY stix_id, author_org_id, modified_at DESC NULLS LAST, stored_at ASC) latest
       WHERE s.stix_id = latest.stix_id AND s.author_org_id = latest.author_org_id AND s.is_current IS DISTINCT FROM (s.version = latest.version)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // copies of one id by several owners cannot share the old key: the first owner's rows stay
    await db.query(
      `DELETE FROM stix_objects s USING (SELECT DISTINCT ON (stix_id, version) stix_id, version, author_org_id FROM stix_objects ORDER BY stix_id, version, stored_at) keep
       WHERE s.stix_id = keep.stix_id AND s.version = keep.version AND s.author_org_id <> keep.author_org_id`,
    );
    await db.query(`ALTER TABLE "stix_objects" DROP CONSTRAINT "PK_66bb988253c17ff01fc1f7c28f6"`);
    await db.query(`DROP INDEX "stix_objects_date_added"`);
    await db.query(`ALTER TABLE "stix_objects" ADD CONSTRAINT "PK_a826b899eead154456177565537" PRIMARY KEY ("stix_id", "version")`);
    await db.query(`CREATE INDEX "stix_objects_date_added" ON "stix_objects" ("stored_at", "stix_id", "version")`);
  }
}
