import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WebhooksService } from './webhooks.service.js';

/** At the worker's start: webhook secrets still in clear (stored by a hub before sealing) are sealed. */
@Injectable()
export class WebhookSecretSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookSecrets');

  constructor(private readonly webhooks: WebhooksService) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.webhooks.sealSecretsInClear();
    if (sealed > 0) this.logger.log({ msg: 'webhook secrets stored in clear are sealed now', sealed });
  }
}
