import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every advisory id a UUIDv7, whoever inserts the row: the inbox is partitioned by advisory id in
 * monthly ranges of UUIDv7 time (1764041010000), which holds only if the id's first 48 bits are the
 * time it was made at. The hub writes ids made by `uuidV7()`; the column's default, until now a
 * random UUIDv4, is this function's for any other insert (SQL by hand, a loader, a test).
 * clock_timestamp(), not now(): a transaction inserting for minutes still stamps each id with its time.
 */
export class AdvisoryIdsV71764041000000 implements MigrationInterface {
  name = 'AdvisoryIdsV71764041000000';

  async up(db: QueryRunner): Promise<void> {
    // a v4 from gen_random_uuid() with its first 48 bits the time in ms, and version bits 0111
    // (bits 52 and 53 of the 16 bytes are set on top of v4's 0100; the variant bits stay 10)
    await db.query(`
      CREATE FUNCTION isac_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                 PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$`);
    await db.query(`ALTER TABLE "advisories" ALTER COLUMN "id" SET DEFAULT isac_uuid_v7()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "advisories" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
    await db.query(`DROP FUNCTION isac_uuid_v7()`);
  }
}
