import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbox entry is identified by (advisory, organisation): the surrogate `deliveries.id` goes, the
 * unique (advisory_id, org_id) key becomes the primary key and the inbox index ends on advisory_id.
 * One key less to maintain for every entry routing writes. The live-update triggers now announce
 * the changed entries as [advisory_id, org_id] pairs (80 a notification, well below NOTIFY's
 * 8000-byte payload limit). Works on a database with entries: they keep their key.
 */
export class DeliveryKey1764011000000 implements MigrationInterface {
  name = 'DeliveryKey1764011000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_d139f93af4f1e966e673b98d4f"`);
    await db.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_advisory_org"`);
    await db.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f"`);
    await db.query(`ALTER TABLE "deliveries" DROP COLUMN "id"`);
    await db.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_advisory_org" PRIMARY KEY ("advisory_id", "org_id")`);
    await db.query(`CREATE INDEX "deliveries_inbox" ON "deliveries"("org_id", "delivered_at", "advisory_id") `);
    await db.query(`
      CREATE OR REPLACE FUNCTION isac_notify_delivery_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('isac_delivery_events', json_build_object('op', lower(TG_OP), 'entries', json_agg(json_build_array(advisory_id, org_id)))::text)
          FROM (SELECT advisory_id, org_id, (row_number() OVER ()) / 80 AS chunk FROM changed) AS numbered
          GROUP BY chunk;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION isac_notify_delivery_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('isac_delivery_events', json_build_object('op', lower(TG_OP), 'ids', json_agg(id))::text)
          FROM (SELECT id, (row_number() OVER ()) / 150 AS chunk FROM changed) AS numbered
          GROUP BY chunk;
        RETURN NULL;
      END $$`);
    await db.query(`DROP INDEX "deliveries_inbox"`);
    await db.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_advisory_org"`);
    await db.query(`ALTER TABLE "deliveries" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await db.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id")`);
    await db.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_advisory_org" UNIQUE ("advisory_id", "org_id")`);
    await db.query(`CREATE INDEX "IDX_d139f93af4f1e966e673b98d4f" ON "deliveries"("org_id", "delivered_at", "id") `);
  }
}
