import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a published agenda is corrected as a new version. Every version is kept as it went out;
 * the meeting holds the current version's number and the correction being edited. Agendas published
 * before become version 1 (who published them is not known: no key prefix).
 */
export class AgendaVersions1764040200000 implements MigrationInterface {
  name = 'AgendaVersions1764040200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "meeting_agenda_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "version" integer NOT NULL, "agenda" jsonb NOT NULL, "tlp" character varying(24) NOT NULL, "advisory_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by_org_id" uuid NOT NULL, "published_by_key" character varying(64), "changes" jsonb NOT NULL DEFAULT '[]', "note" character varying(2000), CONSTRAINT "PK_3ca6f3ece93ec56f3f0e4ee64ab" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "IDX_e948b1140e107c3c49c7019bdc" ON "meeting_agenda_versions" ("meeting_id", "version")`);
    await db.query(`ALTER TABLE "meetings" ADD "agenda_version" integer`);
    await db.query(`ALTER TABLE "meetings" ADD "agenda_correction" jsonb`);
    await db.query(
      `INSERT INTO "meeting_agenda_versions" ("meeting_id", "version", "agenda", "tlp", "advisory_id", "published_at", "published_by_org_id")
       SELECT "id", 1, "agenda", "agenda"->>'tlp', "agenda_advisory_id", "published_at", "coordinator_org_id" FROM "meetings"
       WHERE "state" <> 'draft' AND "agenda" IS NOT NULL AND "agenda_advisory_id" IS NOT NULL AND "published_at" IS NOT NULL`,
    );
    await db.query(`UPDATE "meetings" SET "agenda_version" = 1 WHERE "id" IN (SELECT "meeting_id" FROM "meeting_agenda_versions")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "meetings" DROP COLUMN "agenda_correction"`);
    await db.query(`ALTER TABLE "meetings" DROP COLUMN "agenda_version"`);
    await db.query(`DROP TABLE "meeting_agenda_versions"`);
  }
}
