import { Module } from '@nestjs/common';
import { AdvisoriesModule } from './advisories.module.js';
import { EscalationService } from './escalation.service.js';
import { OutboxRelay } from './outbox-relay.service.js';

/** apps/worker's side: the relay and reconciler loops. The route and deliver processors go to QueueHostModule. */
@Module({ imports: [AdvisoriesModule], providers: [EscalationService, OutboxRelay], exports: [AdvisoriesModule, OutboxRelay] })
export class AdvisoriesWorkerModule {}
