import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationsAndKeys1764000000000 implements MigrationInterface {
  name = 'OrganisationsAndKeys1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "sector" character varying(32), "parent_id" uuid, "stix_identity_id" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "IDX_db67ac918db3917134d0c9edbb" ON "organisations" ("slug")`);
    await db.query(`CREATE INDEX "IDX_41f1cc89689b55aede50d36d0c" ON "organisations" ("parent_id")`);
    await db.query(`CREATE UNIQUE INDEX "IDX_2f38ef08c5a1130e29280a994a" ON "organisations" ("stix_identity_id")`);
    await db.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prefix" character varying(32) NOT NULL, "secret_hash" character varying(255) NOT NULL, "organisation_id" uuid NOT NULL, "roles" text array NOT NULL, "label" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "IDX_6f6105c8efe05b310d046cbdb3" ON "api_keys" ("prefix")`);
    await db.query(`CREATE INDEX "IDX_f68f7c5caa6f5f87a855b8cf3c" ON "api_keys" ("organisation_id")`);
    await db.query(`ALTER TABLE "organisations" ADD CONSTRAINT "FK_41f1cc89689b55aede50d36d0ce" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_f68f7c5caa6f5f87a855b8cf3c8" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "api_keys"`);
    await db.query(`DROP TABLE "organisations"`);
  }
}
