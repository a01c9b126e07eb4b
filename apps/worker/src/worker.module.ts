import { DynamicModule, Module } from '@nestjs/common';
import { advisoryQueues, AdvisoriesWorkerModule, DeliverProcessor, RouteProcessor } from '@isac/advisories';
import { AuditModule } from '@isac/audit';
import { AppConfig, ConfigModule } from '@isac/config';
import { CrisisModule, SITREP_REMINDERS_QUEUE, SitrepRemindersProcessor } from '@isac/crisis';
import { EXERCISE_QUEUE, ExerciseProcessor, ExercisesModule } from '@isac/exercises';
import { INCIDENT_CLOCKS_QUEUE, IncidentClocksProcessor, IncidentsModule } from '@isac/incidents';
import { BRIEFINGS_QUEUE, BriefingProcessor, MeetingsModule } from '@isac/meetings';
import { MessagingModule, QueueHostModule } from '@isac/messaging';
import { PersistenceModule } from '@isac/persistence';
import { TAXII_QUEUE, TaxiiIngestProcessor, TaxiiWorkerModule } from '@isac/taxii';

/** apps/worker: BullMQ processors and schedules; over HTTP only its probes (WORKER_HEALTH_PORT, main.ts). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ applicationName: 'isac-hub:worker' }),
        MessagingModule.forRoot(),
        AuditModule,
        AdvisoriesWorkerModule,
        QueueHostModule.forRoot({
          queues: [...advisoryQueues(config), INCIDENT_CLOCKS_QUEUE, TAXII_QUEUE, BRIEFINGS_QUEUE, SITREP_REMINDERS_QUEUE, EXERCISE_QUEUE],
          handlers: [RouteProcessor, DeliverProcessor, IncidentClocksProcessor, TaxiiIngestProcessor, BriefingProcessor, SitrepRemindersProcessor, ExerciseProcessor],
          imports: [AdvisoriesWorkerModule, IncidentsModule, TaxiiWorkerModule, MeetingsModule, CrisisModule, ExercisesModule],
        }),
      ],
    };
  }
}
