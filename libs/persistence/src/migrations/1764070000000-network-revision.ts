import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: the network directory kept each process's copy of the organisations for 5 s, then read
 * all of them again — 30,000 rows and about 250 ms in a European network, paid by whichever request
 * came next (the TAXII page's p99 at scale). A revision counter, bumped by every statement that
 * writes `organisations` and visible exactly when that statement's transaction commits, lets a copy
 * ask "has anything changed?" in one row and reload only when it has.
 *
 * The counter is bumped BEFORE each statement (statement-level), so a transaction takes its lock on
 * the counter before any row lock of `organisations`: two writers queue on the counter instead of
 * deadlocking on each other's rows.
 */
export class NetworkRevision1764070000000 implements MigrationInterface {
  name = 'NetworkRevision1764070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "network_revision" ("single" boolean PRIMARY KEY DEFAULT true CHECK ("single"), "revision" bigint NOT NULL DEFAULT 0)`);
    await db.query(`INSERT INTO "network_revision" ("single", "revision") VALUES (true, 0)`);
    await db.query(
      `CREATE FUNCTION "network_revision_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE "network_revision" SET "revision" = "revision" + 1;
         RETURN NULL;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER "organisations_network_revision" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations"
         FOR EACH STATEMENT EXECUTE FUNCTION "network_revision_bump"()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "organisations_network_revision" ON "organisations"`);
    await db.query(`DROP FUNCTION "network_revision_bump"()`);
    await db.query(`DROP TABLE "network_revision"`);
  }
}
