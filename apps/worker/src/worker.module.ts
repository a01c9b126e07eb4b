import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@isac/config';
import { MessagingModule, QueueHostModule } from '@isac/messaging';
import { PersistenceModule } from '@isac/persistence';

/** apps/worker: BullMQ processors and schedules; serves no HTTP. Later contexts add their queues here. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ applicationName: 'isac-hub:worker' }),
        MessagingModule.forRoot(),
        QueueHostModule.forRoot({ queues: [], handlers: [] }),
      ],
    };
  }
}
