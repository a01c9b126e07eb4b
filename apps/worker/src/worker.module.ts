import { DynamicModule, Module } from '@nestjs/common';
import { AdvisoriesWorkerModule, DeliverProcessor, RouteProcessor } from '@isac/advisories';
import { AuditModule } from '@isac/audit';
import { AppConfig, ConfigModule } from '@isac/config';
import { CrisisModule, SitrepRemindersProcessor } from '@isac/crisis';
import { ExerciseProcessor, ExercisesModule } from '@isac/exercises';
import { IncidentClocksProcessor, IncidentsModule } from '@isac/incidents';
import { BriefingProcessor, MeetingsModule } from '@isac/meetings';
import { MessagingModule, QueueHostModule } from '@isac/messaging';
import { PersistenceModule } from '@isac/persistence';
import { RetentionModule, RetentionProcessor } from '@isac/retention';
import { TaxiiIngestProcessor, TaxiiWorkerModule } from '@isac/taxii';

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
          handlers: [
            RouteProcessor,
            DeliverProcessor,
            IncidentClocksProcessor,
            TaxiiIngestProcessor,
            BriefingProcessor,
            SitrepRemindersProcessor,
            ExerciseProcessor,
            RetentionProcessor,
          ],
          imports: [AdvisoriesWorkerModule, IncidentsModule, TaxiiWorkerModule, MeetingsModule, CrisisModule, ExercisesModule, RetentionModule],
        }),
      ],
    };
  }
}
