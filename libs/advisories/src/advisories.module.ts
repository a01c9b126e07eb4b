import { Module } from '@nestjs/common';
import { CursorsModule } from '@isac/cursors';
import { InfrastructureModule } from '@isac/infrastructure';
import { OrganisationsModule } from '@isac/organisations';
import { AdvisoriesService } from './advisories.service.js';
import { AdvisoryQueriesService } from './advisory-queries.service.js';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoryMatchRepository } from './advisory-match.repository.js';
import { DeliveryRepository } from './delivery.repository.js';
import { InboxService } from './inbox.service.js';
import { PushScheduler } from './push-scheduler.service.js';
import { RouterService } from './router.service.js';
import { WebhookRepository } from './webhook.repository.js';
import { WebhookSecrets } from './webhook-secrets.service.js';
import { WebhooksService } from './webhooks.service.js';
import { WebhookTransport } from './webhook.transport.js';
import { AdvisoryBacklogRepository } from './advisory-backlog.repository.js';
import { DeliveryFactsRepository } from './delivery-facts.repository.js';

/** Advisories' use cases for both apps; needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, CursorsModule, InfrastructureModule],
  providers: [
    AdvisoryQueriesService,
    AdvisoryRepository,
    AdvisoryMatchRepository,
    DeliveryRepository,
    WebhookRepository,
    WebhookSecrets,
    WebhookTransport,
    PushScheduler,
    AdvisoriesService,
    InboxService,
    WebhooksService,
    RouterService,
  ],
  exports: [AdvisoriesService, AdvisoryQueriesService, InboxService, WebhooksService, RouterService, AdvisoryRepository, DeliveryRepository, PushScheduler],
})
export class AdvisoriesModule {}

/** The read models others use over the advisories' tables (the event stream's facts, the API's metrics): no use case comes with them. */
@Module({ providers: [DeliveryFactsRepository, AdvisoryBacklogRepository], exports: [DeliveryFactsRepository, AdvisoryBacklogRepository] })
export class AdvisoryReadModelModule {}
