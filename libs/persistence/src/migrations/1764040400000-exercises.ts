import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: preparedness exercises. One row per exercise (its scenario, clock and state), one row
 * per inject (when it played and what it created); and on every table an exercise writes to, the
 * exercise that created the row (null for real work): the read paths of real views leave those rows
 * out, and the purge removes them.
 */
export class Exercises1764040400000 implements MigrationInterface {
  name = 'Exercises1764040400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "exercises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_org_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "scenario" jsonb NOT NULL, "state" character varying(16) NOT NULL, "speed" integer NOT NULL DEFAULT 1, "elapsed_ms" double precision NOT NULL DEFAULT 0, "clock_at" TIMESTAMP(3) WITH TIME ZONE, "generation" integer NOT NULL DEFAULT 0, "major_incident_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP(3) WITH TIME ZONE, "purged_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_c4c46f5fa89a58ba7c2d894e3c3" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "exercise_injects" ("exercise_id" uuid NOT NULL, "position" integer NOT NULL, "at_minutes" integer NOT NULL, "kind" character varying(24) NOT NULL, "played_at" TIMESTAMP(3) WITH TIME ZONE, "result_id" character varying(300), "error" text, CONSTRAINT "PK_4a02c7499e89291c39b39448b35" PRIMARY KEY ("exercise_id", "position"))`);
    for (const table of ['advisories', 'incident_cases', 'stix_objects', 'major_incidents']) {
      await db.query(`ALTER TABLE "${table}" ADD "exercise_id" uuid`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['major_incidents', 'stix_objects', 'incident_cases', 'advisories']) {
      await db.query(`ALTER TABLE "${table}" DROP COLUMN "exercise_id"`);
    }
    await db.query(`DROP TABLE "exercise_injects"`);
    await db.query(`DROP TABLE "exercises"`);
  }
}
