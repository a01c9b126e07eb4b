import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The versioned STIX object store (DESIGN §3) and incident cases with their timeline (DESIGN §4). */
export class StixStoreAndIncidents1764001000000 implements MigrationInterface {
  name = 'StixStoreAndIncidents1764001000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "stix_objects" ("stix_id" character varying(300) NOT NULL, "version" character varying(40) NOT NULL, "modified_at" TIMESTAMP WITH TIME ZONE, "type" character varying(250) NOT NULL, "author_org_id" uuid NOT NULL, "created_by_ref" character varying(300), "tlp" character varying(24), "recipient_org_ids" uuid array NOT NULL, "revoked" boolean NOT NULL DEFAULT false, "is_current" boolean NOT NULL DEFAULT true, "object" json NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a826b899eead154456177565537" PRIMARY KEY ("stix_id", "version"))`);
    await db.query(`CREATE INDEX "IDX_5fb041c208394fbd9c0dca149f" ON "stix_objects"("author_org_id")`);
    await db.query(`CREATE INDEX "IDX_3a72a8e7d81f6289544988f252" ON "stix_objects"("type")`);
    // DESIGN §4: incident cases and the timeline of their reports and clocks
    await db.query(`CREATE TABLE "incident_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" character varying(300) NOT NULL, "incident_version" character varying(40) NOT NULL, "name" character varying(500) NOT NULL, "reporter_org_id" uuid NOT NULL, "sector" character varying(32), "regime" character varying(8) NOT NULL, "stage" character varying(16) NOT NULL, "tlp" character varying(24) NOT NULL, "recipient_org_ids" uuid array NOT NULL, "affected_sectors" character varying array NOT NULL, "severity" character varying(16), "aware_at" TIMESTAMP WITH TIME ZONE NOT NULL, "classified_at" TIMESTAMP WITH TIME ZONE, "handled_at" TIMESTAMP WITH TIME ZONE, "next_due_at" TIMESTAMP WITH TIME ZONE, "next_due_clock" character varying(24), "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_096f4772799130ddd083f8d5841" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "IDX_129dd1e3f0c416d6cbb173a962" ON "incident_cases"("incident_id")`);
    await db.query(`CREATE INDEX "IDX_096799eb0dfc217b2df5932f95" ON "incident_cases"("reporter_org_id")`);
    await db.query(`CREATE INDEX "IDX_fb99bf74d875d6406e0e9aca91" ON "incident_cases"("sector")`);
    await db.query(`CREATE INDEX "IDX_88b4328bc975af87cc3bb8b0e5" ON "incident_cases"("next_due_at")`);
    await db.query(`CREATE INDEX "IDX_0ee7dc719e46765dd74dcb5143" ON "incident_cases"("opened_at", "id")`);
    await db.query(`CREATE TABLE "incident_timeline" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "stage" character varying(24) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "incident_version" character varying(40), "object_ids" text array NOT NULL DEFAULT '{}', "missing" jsonb NOT NULL DEFAULT '[]', "by_org_id" uuid, "dedupe_key" character varying(120), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33df8cb278555db4bf53065ab01" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "IDX_cacd02a262eaa0b3ec2727e361" ON "incident_timeline"("dedupe_key")`);
    await db.query(`CREATE INDEX "IDX_a13df1e35c9fbe55ac076f9fc4" ON "incident_timeline"("case_id", "at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "incident_timeline"`);
    await db.query(`DROP TABLE "incident_cases"`);
    await db.query(`DROP TABLE "stix_objects"`);
  }
}
