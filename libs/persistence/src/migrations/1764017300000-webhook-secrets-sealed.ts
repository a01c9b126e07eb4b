import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secrets are stored sealed with WEBHOOK_SECRET_KEY (AES-256-GCM, `enc:v1:<iv>.<data>.<tag>`):
 * a secret of 200 characters takes up to 847, so the column widens. Rows in clear stay as they are
 * and are read as they are. Going down fails while sealed rows exist, as it must: they do not fit.
 */
export class WebhookSecretsSealed1764017300000 implements MigrationInterface {
  name = 'WebhookSecretsSealed1764017300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "webhooks" ALTER COLUMN "secret" TYPE character varying(1000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "webhooks" ALTER COLUMN "secret" TYPE character varying(200)`);
  }
}
