import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Daily briefings (DESIGN §6): who opted in, and which briefing went out as which advisory per day. */
export class Briefings1764004100000 implements MigrationInterface {
  name = 'Briefings1764004100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "briefing_subscriptions" ("org_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc5660b106c197b03a40fcd617c" PRIMARY KEY ("org_id"))`);
    await db.query(`CREATE TABLE "briefings_sent" ("org_id" uuid NOT NULL, "day" character varying(10) NOT NULL, "advisory_id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d63478aaa8591a816cefa918b4" PRIMARY KEY ("org_id", "day"))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "briefings_sent"`);
    await db.query(`DROP TABLE "briefing_subscriptions"`);
  }
}
