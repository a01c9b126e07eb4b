import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret-box.js';

/** Seals webhook secrets for the database and opens them to sign, with WEBHOOK_SECRET_KEY (checked at boot by @isac/config). */
@Injectable()
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(config.WEBHOOK_SECRET_KEY, 'base64');
  }

  seal(orgId: string, secret: string): string {
    return sealWebhookSecret(this.key, orgId, secret);
  }

  open(orgId: string, stored: string): string {
    return openWebhookSecret(this.key, orgId, stored);
  }
}
