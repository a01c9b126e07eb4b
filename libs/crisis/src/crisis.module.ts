import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { IncidentsModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { MajorIncidentRepository } from './major-incident.repository.js';
import { MajorIncidentsService } from './major-incidents.service.js';

/** Major incidents' use cases; needs Persistence, Messaging and Audit (global) from the app. */
@Module({ imports: [OrganisationsModule, AdvisoriesModule, IncidentsModule], providers: [MajorIncidentRepository, MajorIncidentsService], exports: [MajorIncidentsService] })
export class CrisisModule {}
