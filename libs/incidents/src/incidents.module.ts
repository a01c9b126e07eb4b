import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { IncidentClocksService } from './incident-clocks.service.js';
import { IncidentQueriesService } from './incident-queries.service.js';
import { IncidentsService } from './incidents.service.js';
import { RegimeDirectory } from './regime-directory.service.js';

/** Incident cases and their clocks, for the API and the worker. */
@Module({
  imports: [OrganisationsModule, StixStoreModule],
  providers: [IncidentCaseRepository, RegimeDirectory, IncidentsService, IncidentQueriesService, IncidentClocksService],
  exports: [IncidentsService, IncidentQueriesService, IncidentClocksService],
})
export class IncidentsModule {}
