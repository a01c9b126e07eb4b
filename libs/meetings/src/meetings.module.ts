import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { IncidentsModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { AgendaService } from './agenda.service.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingsService } from './meetings.service.js';
import { MinutesRepository } from './minutes.repository.js';
import { MinutesService } from './minutes.service.js';
import { PeriodFactsSource } from './period-facts.source.js';

/** Meetings' use cases; needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, IncidentsModule, AdvisoriesModule],
  providers: [MeetingRepository, MinutesRepository, PeriodFactsSource, MeetingsService, AgendaService, MinutesService],
  exports: [MeetingsService, AgendaService, MinutesService, PeriodFactsSource],
})
export class MeetingsModule {}
