import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: a targeted advisory records, per exposed organisation, what of its own register matched
 * (entry, products, providers), so that organisation — and nobody else — is told why it got the
 * warning. Kept apart from `advisories` (read by every reader) and `deliveries` (written by the router).
 */
export class AdvisoryMatches1764060500000 implements MigrationInterface {
  name = 'AdvisoryMatches1764060500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "advisory_matches" ("advisory_id" uuid NOT NULL, "org_id" uuid NOT NULL, "matched" jsonb NOT NULL,
         CONSTRAINT "advisory_matches_advisory_org" PRIMARY KEY ("advisory_id", "org_id"))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "advisory_matches"`);
  }
}
