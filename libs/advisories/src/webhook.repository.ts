import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookEntity } from './webhook.entity.js';

@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(orgId: string, url: string, secret: string): Promise<WebhookEntity> {
    await this.dataSource.query(
      `INSERT INTO webhooks (org_id, url, secret) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = now()`,
      [orgId, url, secret],
    );
    return this.dataSource.getRepository(WebhookEntity).findOneByOrFail({ orgId });
  }

  findFor(orgId: string): Promise<WebhookEntity | null> {
    return this.dataSource.getRepository(WebhookEntity).findOneBy({ orgId });
  }
}
