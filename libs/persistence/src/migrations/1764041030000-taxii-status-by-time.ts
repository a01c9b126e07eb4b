import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 20, retention: finished TAXII statuses past their retention are found by request time, not by a scan of every status. */
export class TaxiiStatusByTime1764041030000 implements MigrationInterface {
  name = 'TaxiiStatusByTime1764041030000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "IDX_dbf099e696c081b3f94455485e" ON "taxii_status" ("request_timestamp")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_dbf099e696c081b3f94455485e"`);
  }
}
