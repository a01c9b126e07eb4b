import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { CursorsModule } from '@isac/cursors';
import { OrganisationsModule } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { IncidentCaseAccessRepository } from './case-access.repository.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { IncidentClocksService } from './incident-clocks.service.js';
import { IncidentCoordinationRepository } from './incident-coordination.repository.js';
import { IncidentCoordinationService } from './incident-coordination.service.js';
import { IncidentNotices } from './incident-notices.service.js';
import { IncidentQueriesService } from './incident-queries.service.js';
import { IncidentsService } from './incidents.service.js';
import { RegimeDirectory } from './regime-directory.service.js';

/** Incident cases and their clocks, for the API and the worker. */
@Module({
  imports: [OrganisationsModule, StixStoreModule, AdvisoriesModule, CursorsModule],
  providers: [
    IncidentCaseRepository,
    IncidentCoordinationRepository,
    RegimeDirectory,
    IncidentsService,
    IncidentQueriesService,
    IncidentCoordinationService,
    IncidentClocksService,
    IncidentNotices,
  ],
  exports: [IncidentsService, IncidentQueriesService, IncidentCoordinationService, IncidentClocksService],
})
export class IncidentsModule {}

/** The read model other contexts use over the incidents' tables (marking fields, filings): no use case comes with it. */
@Module({ providers: [IncidentCaseAccessRepository], exports: [IncidentCaseAccessRepository] })
export class IncidentReadModelModule {}
