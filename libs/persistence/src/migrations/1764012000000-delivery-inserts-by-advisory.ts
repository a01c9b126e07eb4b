import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New inbox entries are announced by advisory, not by entry: a statement that inserts entries
 * notifies `{"op":"insert","at":<its now()>,"advisories":[…]}` (150 advisory ids a notification,
 * below NOTIFY's 8000-byte payload limit), and a listener reads the entries of those advisories
 * delivered at that instant (`delivered_at` is the inserting transaction's now(), to the
 * millisecond). The router's fan-out of 16,000 entries in one statement so becomes one small
 * notification instead of 200 of [advisory, organisation] pairs, whose building cost PostgreSQL
 * about a third of the statement. Changes to entries (read, ack, webhook states) are still
 * announced as pairs by the update trigger.
 */
export class DeliveryInsertsByAdvisory1764012000000 implements MigrationInterface {
  name = 'DeliveryInsertsByAdvisory1764012000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION isac_notify_delivery_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('isac_delivery_events', json_build_object('op', 'insert', 'at', now(), 'advisories', json_agg(advisory_id))::text)
          FROM (SELECT advisory_id, (row_number() OVER ()) / 150 AS chunk FROM (SELECT DISTINCT advisory_id FROM changed) AS distinct_advisories) AS numbered
          GROUP BY chunk;
        RETURN NULL;
      END $$`);
    await db.query(`DROP TRIGGER deliveries_inserted_notify ON deliveries`);
    await db.query(`CREATE TRIGGER deliveries_inserted_notify AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_inserts()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER deliveries_inserted_notify ON deliveries`);
    await db.query(`CREATE TRIGGER deliveries_inserted_notify AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_events()`);
    await db.query(`DROP FUNCTION isac_notify_delivery_inserts()`);
  }
}
