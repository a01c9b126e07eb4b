import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * stix_objects loses its indexes on `type` and on `author_org_id`: no read goes through them (TAXII
 * pages walk stix_objects_date_added and test type and author on the rows walked; reads by id use
 * the primary key), and every stored object paid for both. Ingest of a large bundle writes two
 * index entries fewer per object.
 */
export class StixObjectsUnusedIndexes1764013000000 implements MigrationInterface {
  name = 'StixObjectsUnusedIndexes1764013000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_5fb041c208394fbd9c0dca149f"`);
    await db.query(`DROP INDEX "IDX_3a72a8e7d81f6289544988f252"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "IDX_3a72a8e7d81f6289544988f252" ON "stix_objects"("type")`);
    await db.query(`CREATE INDEX "IDX_5fb041c208394fbd9c0dca149f" ON "stix_objects"("author_org_id")`);
  }
}
