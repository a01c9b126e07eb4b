import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, cases worked together (DESIGN §8): the centre's feedback with its content, a conversation
 * per case, linked cases (and what a case can be linked by), closing and reopening a case.
 */
export class IncidentCoordination1764030100000 implements MigrationInterface {
  name = 'IncidentCoordination1764030100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "incident_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_org_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "tlp" character varying(24) NOT NULL, "body" text NOT NULL, "recipient_org_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_45396504ff0edeeda25ee510487" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "IDX_705a5ba547e669329e28ba62d5" ON "incident_messages" ("case_id", "created_at")`);
    await db.query(
      `CREATE TABLE "incident_case_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_a_id" uuid NOT NULL, "case_b_id" uuid NOT NULL, "relationship" character varying(24) NOT NULL DEFAULT 'related-to', "reasons" jsonb NOT NULL DEFAULT '[]', "created_by_org_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bc76873aebd78f43fe6bdda878" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "IDX_7a424021ce4902274c9eecbdeb" ON "incident_case_links" ("case_b_id")`);
    await db.query(`CREATE UNIQUE INDEX "IDX_c00c2a5f447ec030d3a8b39a2a" ON "incident_case_links" ("case_a_id", "case_b_id")`);
    await db.query(
      `CREATE TABLE "incident_case_keys" ("case_id" uuid NOT NULL, "key_hash" character varying(64) NOT NULL, "basis" character varying(24) NOT NULL, "value" character varying(500) NOT NULL, CONSTRAINT "PK_293a9d7443e9f595e0ff4fe78ac" PRIMARY KEY ("case_id", "key_hash"))`,
    );
    await db.query(`CREATE INDEX "IDX_955a6916a3b753e4042227f61d" ON "incident_case_keys" ("key_hash")`);
    await db.query(`ALTER TABLE "incident_cases" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "incident_cases" ADD "close_reason" character varying(2000)`);
    await db.query(`ALTER TABLE "incident_timeline" ADD "feedback_kind" character varying(24)`);
    await db.query(`ALTER TABLE "incident_timeline" ADD "body" text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "incident_timeline" DROP COLUMN "body"`);
    await db.query(`ALTER TABLE "incident_timeline" DROP COLUMN "feedback_kind"`);
    await db.query(`ALTER TABLE "incident_cases" DROP COLUMN "close_reason"`);
    await db.query(`ALTER TABLE "incident_cases" DROP COLUMN "closed_at"`);
    await db.query(`DROP TABLE "incident_case_keys"`);
    await db.query(`DROP TABLE "incident_case_links"`);
    await db.query(`DROP TABLE "incident_messages"`);
  }
}
