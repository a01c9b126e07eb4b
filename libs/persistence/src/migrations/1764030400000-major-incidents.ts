import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: major incidents. One row per coordination room (its marking, the concerned sectors and
 * their units as named recipients, the alert that told them) and one row per line of its timeline:
 * the declaration, sitreps (each with its own marking), status changes, tasks, decisions, the stand-down.
 */
export class MajorIncidents1764030400000 implements MigrationInterface {
  name = 'MajorIncidents1764030400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "major_incidents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_org_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "tlp" character varying(24) NOT NULL, "sectors" text array NOT NULL, "recipient_org_ids" uuid array NOT NULL, "case_ids" uuid array NOT NULL DEFAULT '{}', "sitrep_every_minutes" integer, "alert_id" uuid, "declared_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_0e4a39dbb6dd5c051b48dfb8765" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_b1a2bd3bf3eb298b19580dab22" ON "major_incidents" ("declared_at")`);
    await db.query(`CREATE TABLE "major_incident_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "major_incident_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "org_id" uuid NOT NULL, "tlp" character varying(24), "body" text NOT NULL DEFAULT '', "sector" character varying(32), "state" character varying(16), "owner_org_id" uuid, "due" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_399010b0ed4afc0f313a50b9e7f" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_504784e941575e4e6a295daf5e" ON "major_incident_entries" ("major_incident_id", "created_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "major_incident_entries"`);
    await db.query(`DROP TABLE "major_incidents"`);
  }
}
