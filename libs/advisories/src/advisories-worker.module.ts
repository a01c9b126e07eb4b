import { Module } from '@nestjs/common';
import { AdvisoriesModule } from './advisories.module.js';
import { EscalationService } from './escalation.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { WebhookSecretSealing } from './webhook-secret-sealing.service.js';

/** apps/worker's side: the relay and reconciler loops, and the sealing of webhook secrets left in clear. The route and deliver processors go to QueueHostModule. */
@Module({ imports: [AdvisoriesModule], providers: [EscalationService, OutboxRelay, WebhookSecretSealing], exports: [AdvisoriesModule, OutboxRelay] })
export class AdvisoriesWorkerModule {}
