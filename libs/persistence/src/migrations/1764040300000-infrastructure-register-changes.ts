import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: register entries can be changed and removed, and each change is kept (what the entry
 * was, under its marking) so a meeting's agenda can list what changed in a sector's registers
 * since the last meeting. Existing entries count as last changed now.
 */
export class InfrastructureRegisterChanges1764040300000 implements MigrationInterface {
  name = 'InfrastructureRegisterChanges1764040300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "infrastructure_entry_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "org_id" uuid NOT NULL, "change" character varying(8) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "criticality" character varying(16) NOT NULL, "fields" text array NOT NULL DEFAULT '{}', "tlp" character varying(24) NOT NULL, "recipient_org_ids" uuid array NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fbbae1bce3bd5ae961729671af2" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_18e3137a1dfdeea6f1cde4cada" ON "infrastructure_entry_changes" ("org_id", "at")`);
    await db.query(`ALTER TABLE "infrastructure_entries" ADD "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "infrastructure_entries" DROP COLUMN "updated_at"`);
    await db.query(`DROP TABLE "infrastructure_entry_changes"`);
  }
}
