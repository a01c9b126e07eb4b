import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: each organisation's register of critical services and assets. A targeted warning looks
 * entries up by product (`part:vendor:product`) or by provider, so both arrays get a GIN index
 * (`product_keys && …`, `depends_on && …`). Advisories record what a targeted audience resolved to.
 */
export class InfrastructureRegisters1764030300000 implements MigrationInterface {
  name = 'InfrastructureRegisters1764030300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "infrastructure_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "criticality" character varying(16) NOT NULL, "products" text array NOT NULL DEFAULT '{}', "product_keys" text array NOT NULL DEFAULT '{}', "depends_on" text array NOT NULL DEFAULT '{}', "tlp" character varying(24) NOT NULL, "recipient_org_ids" uuid array NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dc6892cbec225bb47610757f89e" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_ce0e659d18f4011242b6d1fee3" ON "infrastructure_entries" ("org_id", "created_at")`);
    await db.query(`CREATE INDEX "infrastructure_entries_product_keys" ON "infrastructure_entries" USING gin ("product_keys")`);
    await db.query(`CREATE INDEX "infrastructure_entries_depends_on" ON "infrastructure_entries" USING gin ("depends_on")`);
    await db.query(`ALTER TABLE "advisories" ADD "exposure" jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "advisories" DROP COLUMN "exposure"`);
    await db.query(`DROP TABLE "infrastructure_entries"`);
  }
}
