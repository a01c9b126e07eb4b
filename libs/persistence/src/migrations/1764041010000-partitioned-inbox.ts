import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMonths, createDefaultPartition, createMonthPartition, monthStart, monthsBetween, type MonthlyPartitioning } from '@isac/partitions';

// As they are at this migration (the inbox's own declaration in @isac/advisories may move on).
const INBOX: MonthlyPartitioning = {
  table: 'deliveries',
  keyColumn: 'advisory_id',
  keyKind: 'uuidv7',
  primaryKey: { name: 'deliveries_advisory_org', columns: ['advisory_id', 'org_id'] },
};
const MONTHS_AHEAD = 3;
const COLUMNS = `"advisory_id", "org_id", "via_org_id", "delivered_at", "read_at", "acked_at", "webhook_state", "webhook_attempts", "webhook_last_error", "webhook_updated_at", "escalated_at"`;
const DEFINITION = `"advisory_id" uuid NOT NULL, "org_id" uuid NOT NULL, "via_org_id" uuid, "delivered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "acked_at" TIMESTAMP WITH TIME ZONE, "webhook_state" character varying(16), "webhook_attempts" integer NOT NULL DEFAULT '0', "webhook_last_error" character varying(500), "webhook_updated_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "deliveries_advisory_org" PRIMARY KEY ("advisory_id", "org_id")`;

/**
 * Issue 20, retention: the inbox (`deliveries`) becomes a table partitioned by month of its
 * advisory's id, so that entries past their retention go by dropping a month's partition, not by
 * deleting rows. Advisory ids are UUIDv7 (time in the first 48 bits), so a month is the range of ids
 * from the month's first millisecond to the next month's; the key (advisory_id, org_id) contains the
 * partition key, as PostgreSQL requires of a unique key, and still refuses a second entry for the
 * same advisory and organisation (both land in the same partition). A DEFAULT partition takes what
 * no month holds: entries of ids older than UUIDv7 here (random v4 prefixes), or of a month not made
 * yet. Partitions exist for each month the existing v7 ids fall in and for this month and the next
 * three; the retention job makes further months ahead.
 *
 * Existing entries are copied, with their receipts; the indexes and the NOTIFY triggers are the same
 * (statement triggers with transition tables work on a partitioned table, fired once per statement).
 * No foreign key points to or from `deliveries`.
 */
export class PartitionedInbox1764041010000 implements MigrationInterface {
  name = 'PartitionedInbox1764041010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "deliveries" RENAME TO "deliveries_unpartitioned"`);
    await db.query(`ALTER TABLE "deliveries_unpartitioned" RENAME CONSTRAINT "deliveries_advisory_org" TO "deliveries_unpartitioned_key"`);
    await db.query(`ALTER INDEX "deliveries_inbox" RENAME TO "deliveries_unpartitioned_inbox"`);
    await db.query(`ALTER INDEX "deliveries_pending_push" RENAME TO "deliveries_unpartitioned_pending_push"`);
    await db.query(`DROP TRIGGER "deliveries_inserted_notify" ON "deliveries_unpartitioned"`);
    await db.query(`DROP TRIGGER "deliveries_updated_notify" ON "deliveries_unpartitioned"`);

    await db.query(`CREATE TABLE "deliveries" (${DEFINITION}) PARTITION BY RANGE ("advisory_id")`);
    await db.query(`CREATE INDEX "deliveries_inbox" ON "deliveries"("org_id", "delivered_at", "advisory_id")`);
    await db.query(`CREATE INDEX "deliveries_pending_push" ON "deliveries"("webhook_state") WHERE webhook_state = 'pending'`);
    await createDefaultPartition(db, INBOX);
    // months of the UUIDv7 ids present (version nibble 7); a v4's first bits are random, it goes to the default
    const present: { month: Date }[] = await db.query(
      `SELECT DISTINCT date_trunc('month', to_timestamp(('x' || substr(replace(advisory_id::text, '-', ''), 1, 12))::bit(48)::bigint / 1000.0), 'UTC') AS month
         FROM "deliveries_unpartitioned" WHERE substr(advisory_id::text, 15, 1) = '7'`,
    );
    const now = monthStart(new Date());
    const months = new Set([...present.map((p) => monthStart(p.month)), ...monthsBetween(now, addMonths(now, MONTHS_AHEAD))].map((m) => m.getTime()));
    for (const month of [...months].sort((a, b) => a - b)) await createMonthPartition(db, INBOX, new Date(month));

    // copied before the triggers exist: moving rows announces nothing to the live consoles
    await db.query(`INSERT INTO "deliveries" (${COLUMNS}) SELECT ${COLUMNS} FROM "deliveries_unpartitioned"`);
    await db.query(`DROP TABLE "deliveries_unpartitioned"`);
    await db.query(
      `CREATE TRIGGER deliveries_inserted_notify AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_inserts()`,
    );
    await db.query(
      `CREATE TRIGGER deliveries_updated_notify AFTER UPDATE ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_events()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "deliveries" RENAME TO "deliveries_partitioned"`);
    await db.query(`ALTER TABLE "deliveries_partitioned" RENAME CONSTRAINT "deliveries_advisory_org" TO "deliveries_partitioned_key"`);
    await db.query(`ALTER INDEX "deliveries_inbox" RENAME TO "deliveries_partitioned_inbox"`);
    await db.query(`ALTER INDEX "deliveries_pending_push" RENAME TO "deliveries_partitioned_pending_push"`);
    await db.query(`DROP TRIGGER "deliveries_inserted_notify" ON "deliveries_partitioned"`);
    await db.query(`DROP TRIGGER "deliveries_updated_notify" ON "deliveries_partitioned"`);

    await db.query(`CREATE TABLE "deliveries" (${DEFINITION})`);
    await db.query(`CREATE INDEX "deliveries_inbox" ON "deliveries"("org_id", "delivered_at", "advisory_id")`);
    await db.query(`CREATE INDEX "deliveries_pending_push" ON "deliveries"("webhook_state") WHERE webhook_state = 'pending'`);
    await db.query(`INSERT INTO "deliveries" (${COLUMNS}) SELECT ${COLUMNS} FROM "deliveries_partitioned"`);
    await db.query(`DROP TABLE "deliveries_partitioned"`);
    await db.query(
      `CREATE TRIGGER deliveries_inserted_notify AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_inserts()`,
    );
    await db.query(
      `CREATE TRIGGER deliveries_updated_notify AFTER UPDATE ON deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION isac_notify_delivery_events()`,
    );
  }
}
