import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live console updates across API replicas: every statement that writes inbox entries or their
 * receipts (router, inbox read/ack, webhook pushes, escalation) announces the changed entry ids
 * on the `isac_delivery_events` channel. NOTIFY is sent at commit only, so a listener never hears of
 * a row it cannot see yet; one statement-level trigger per event keeps a fan-out of thousands of
 * rows to a handful of notifications (ids in chunks well below NOTIFY's 8000-byte payload limit).
 */
export class DeliveryEvents1764010000000 implements MigrationInterface {
  name = 'DeliveryEvents1764010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION isac_notify_delivery_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('isac_delivery_events', json_build_object('op', lower(TG_OP), 'ids', json_agg(id))::text)
          FROM (SELECT id, (row_number() OVER ()) / 150 AS chunk FROM changed) AS numbered
          GROUP BY chunk;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER deliveries_inserted_notify AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_events()`);
    await db.query(`CREATE TRIGGER deliveries_updated_notify AFTER UPDATE ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_events()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER deliveries_updated_notify ON deliveries`);
    await db.query(`DROP TRIGGER deliveries_inserted_notify ON deliveries`);
    await db.query(`DROP FUNCTION isac_notify_delivery_events()`);
  }
}
