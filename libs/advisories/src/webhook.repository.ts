import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import { WebhookEntity } from './webhook.entity.js';

@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  async upsert(orgId: string, url: string, secret: string): Promise<WebhookEntity> {
    await this.db.query(
      `INSERT INTO webhooks (org_id, url, secret) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = now()`,
      [orgId, url, secret],
    );
    return this.db.getRepository(WebhookEntity).findOneByOrFail({ orgId });
  }

  /** Every organisation's stored secret as it is in the table (one row per organisation at most). */
  async storedSecrets(): Promise<{ orgId: string; secret: string }[]> {
    const rows: { org_id: string; secret: string }[] = await this.db.query(`SELECT org_id, secret FROM webhooks`);
    return rows.map((r) => ({ orgId: r.org_id, secret: r.secret }));
  }

  /** Replaces a stored secret only while it is still `from`: a webhook set meanwhile stays as it was set. */
  async replaceSecret(orgId: string, from: string, to: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(`UPDATE webhooks SET secret = $3 WHERE org_id = $1 AND secret = $2`, [orgId, from, to]);
    return count === 1;
  }

  findFor(orgId: string): Promise<WebhookEntity | null> {
    return this.db.getRepository(WebhookEntity).findOneBy({ orgId });
  }
}
