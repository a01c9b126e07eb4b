import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdvisoriesHttpModule, AdvisoryReadModelModule } from '@isac/advisories';
import { AuditHttpModule, AuditModule } from '@isac/audit';
import { AuthGuard } from '@isac/auth';
import { CrisisHttpModule } from '@isac/crisis';
import { EventsHttpModule } from '@isac/events';
import { ExercisesHttpModule } from '@isac/exercises';
import { AppConfig, ConfigModule } from '@isac/config';
import { IncidentReadModelModule, IncidentsHttpModule } from '@isac/incidents';
import { InfrastructureHttpModule } from '@isac/infrastructure';
import { InsightsHttpModule } from '@isac/insights';
import { MeetingsHttpModule } from '@isac/meetings';
import { MessagingModule } from '@isac/messaging';
import { OrganisationsHttpModule, OrganisationsModule } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { ERROR_RENDERERS, problemValidationPipe, ProblemFilter } from '@isac/problems';
import { StixStoreHttpModule } from '@isac/stix-store';
import { TAXII_ERROR_RENDERER, TaxiiHttpModule } from '@isac/taxii';
import { HealthController } from './health/health.controller.js';
import { DatabaseProbeRepository } from './health/database-probe.repository.js';
import { HealthService } from './health/health.service.js';
import { HubStateService } from './metrics/hub-state.service.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';

/** apps/api: HTTP only (REST, docs, health, metrics); never processes jobs. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ applicationName: 'isac-hub:api' }),
        MessagingModule.forRoot(),
        OrganisationsModule,
        OrganisationsHttpModule,
        AuditModule,
        AuditHttpModule,
        AdvisoriesHttpModule,
        StixStoreHttpModule,
        IncidentsHttpModule,
        TaxiiHttpModule,
        MeetingsHttpModule,
        EventsHttpModule,
        InsightsHttpModule,
        InfrastructureHttpModule,
        CrisisHttpModule,
        ExercisesHttpModule,
        AdvisoryReadModelModule,
        IncidentReadModelModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        DatabaseProbeRepository,
        HealthService,
        HubStateService,
        MetricsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: ERROR_RENDERERS, useValue: [TAXII_ERROR_RENDERER] },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: problemValidationPipe },
      ],
    };
  }
}
