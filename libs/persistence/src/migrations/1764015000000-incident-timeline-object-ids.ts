import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TAXII's `incidents` collection asks, for each page of candidate objects, which cases filed them
 * (`incident_timeline.object_ids`). Without an index that read every timeline row; a GIN index on
 * the array lets `object_ids && <ids>` find just the reports naming them.
 */
export class IncidentTimelineObjectIds1764015000000 implements MigrationInterface {
  name = 'IncidentTimelineObjectIds1764015000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX "incident_timeline_object_ids" ON "incident_timeline" USING gin ("object_ids")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "incident_timeline_object_ids"`);
  }
}
