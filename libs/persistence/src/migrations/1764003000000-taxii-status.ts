import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TAXII 2.1 §4.3: one status per POSTed envelope (libs/taxii TaxiiStatusEntity). */
export class TaxiiStatus1764003000000 implements MigrationInterface {
  name = 'TaxiiStatus1764003000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "taxii_status" ("id" uuid NOT NULL, "collection_id" uuid NOT NULL, "requested_by_org_id" uuid NOT NULL, "requested_by_key_id" uuid NOT NULL, "request_timestamp" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(16) NOT NULL, "successes" json NOT NULL, "failures" json NOT NULL, "pendings" json NOT NULL, "objects" json, CONSTRAINT "PK_cfff2af78e505ebdb22eb9c63c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_98335e5a6708f42fae72fa61ca" ON "taxii_status" ("requested_by_org_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_98335e5a6708f42fae72fa61ca"`);
    await queryRunner.query(`DROP TABLE "taxii_status"`);
  }
}
