import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DESIGN §2 ownership: an incident case is its reporter's, as the objects it files are. The unique
 * key of incident_cases becomes (reporter, incident id): another organisation filing the same
 * incident id opens a case of its own instead of being told that the id is someone else's.
 */
export class IncidentCasesPerReporter1764020100000 implements MigrationInterface {
  name = 'IncidentCasesPerReporter1764020100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_129dd1e3f0c416d6cbb173a962"`);
    await db.query(`CREATE UNIQUE INDEX "IDX_cd2a3f24dc8e5a45d33a234e8b" ON "incident_cases" ("reporter_org_id", "incident_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_cd2a3f24dc8e5a45d33a234e8b"`);
    // of cases of one incident id by several reporters, the oldest keeps the id unique
    await db.query(`DELETE FROM incident_cases c USING incident_cases o WHERE c.incident_id = o.incident_id AND (c.opened_at, c.id) > (o.opened_at, o.id)`);
    await db.query(`CREATE UNIQUE INDEX "IDX_129dd1e3f0c416d6cbb173a962" ON "incident_cases" ("incident_id")`);
  }
}
