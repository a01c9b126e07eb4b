import { Module } from '@nestjs/common';
import { AdvisoryReadModelModule } from '@isac/advisories';
import { IncidentReadModelModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { ConsoleEventsService } from './console-events.service.js';
import { DeliveryEventsRepository } from './delivery-events.repository.js';
import { EventStreamService } from './event-stream.service.js';
import { EventsController } from './events.controller.js';

/** Live updates for the web console (GET /api/v1/events), driven by PostgreSQL LISTEN/NOTIFY. */
@Module({
  imports: [OrganisationsModule, AdvisoryReadModelModule, IncidentReadModelModule],
  controllers: [EventsController],
  providers: [ConsoleEventsService, DeliveryEventsRepository, EventStreamService],
})
export class EventsHttpModule {}
