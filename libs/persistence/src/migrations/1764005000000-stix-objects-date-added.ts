import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TAXII 2.1 §3.4: objects are paged in date_added order; this index lets each page be a keyset walk. */
export class StixObjectsDateAdded1764005000000 implements MigrationInterface {
  name = 'StixObjectsDateAdded1764005000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "stix_objects_date_added" ON "stix_objects" ("stored_at", "stix_id", "version")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "stix_objects_date_added"`);
  }
}
