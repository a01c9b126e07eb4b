import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { IncidentsModule } from '@isac/incidents';
import { InfrastructureModule } from '@isac/infrastructure';
import { OrganisationsModule } from '@isac/organisations';
import { AgendaService } from './agendas/agenda.service.js';
import { AgendaVersionsService } from './agendas/agenda-versions.service.js';
import { BriefingRepository } from './briefings/briefing.repository.js';
import { BriefingService } from './briefings/briefing.service.js';
import { HubProposals } from './hub-proposals.service.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingsService } from './meetings.service.js';
import { MinutesRepository } from './minutes/minutes.repository.js';
import { MinutesService } from './minutes/minutes.service.js';
import { PeriodFactsSource } from './agendas/period-facts.source.js';

/** Meetings' use cases; needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, IncidentsModule, AdvisoriesModule, InfrastructureModule],
  providers: [
    MeetingRepository,
    MinutesRepository,
    BriefingRepository,
    PeriodFactsSource,
    MeetingsService,
    AgendaService,
    AgendaVersionsService,
    MinutesService,
    BriefingService,
    HubProposals,
  ],
  exports: [MeetingsService, HubProposals, AgendaService, AgendaVersionsService, MinutesService, PeriodFactsSource, BriefingService],
})
export class MeetingsModule {}
