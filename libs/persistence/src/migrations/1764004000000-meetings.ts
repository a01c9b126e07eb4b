import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Meetings with their current agenda, proposals by sector units, and the minutes: decisions and action items (DESIGN §6). */
export class Meetings1764004000000 implements MigrationInterface {
  name = 'Meetings1764004000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" character varying(500), "online_url" character varying(2000), "participant_org_ids" uuid array NOT NULL, "tlp" character varying(24) NOT NULL DEFAULT 'TLP:AMBER', "series" character varying(100) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'draft', "coordinator_org_id" uuid NOT NULL, "organizer_email" character varying(320), "breaks" jsonb, "agenda" jsonb, "agenda_advisory_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_7cf6a2dbd971063793fe9e21bb" ON "meetings"  ("coordinator_org_id") `);
    await db.query(`CREATE INDEX "IDX_ce5134ce89e71b3f439956a738" ON "meetings"  ("series", "starts_at") `);
    await db.query(`CREATE TABLE "meeting_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "author_org_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "minutes" integer, "tlp" character varying(24) NOT NULL, "recipient_org_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b0af4c424193bee2249fa3dabd5" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_d60c029af5cae325b50c9e9d1b" ON "meeting_proposals"  ("meeting_id") `);
    await db.query(`CREATE TABLE "meeting_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "agenda_item_id" character varying(200) NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0b1f30eb05f77cd5b817f7c7d5" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_fef9ecaae955c88fb316a11a5f" ON "meeting_decisions"  ("meeting_id") `);
    await db.query(`CREATE TABLE "meeting_action_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "series" character varying(100) NOT NULL, "agenda_item_id" character varying(200), "title" character varying(500) NOT NULL, "owner_org_id" uuid NOT NULL, "due" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "tlp" character varying(24) NOT NULL, "author_org_id" uuid NOT NULL, "recipient_org_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_126d60558ff87473f2d4ea713b6" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_f7b7865e9ea9d657626153255e" ON "meeting_action_items"  ("meeting_id") `);
    await db.query(`CREATE INDEX "IDX_373d7d1d192ae93093de4a1cd2" ON "meeting_action_items"  ("series", "status") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "meeting_action_items"`);
    await db.query(`DROP TABLE "meeting_decisions"`);
    await db.query(`DROP TABLE "meeting_proposals"`);
    await db.query(`DROP TABLE "meetings"`);
  }
}
