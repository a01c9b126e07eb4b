import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { QUEUE_HANDLERS, type AnyQueueDefinition, type AnyQueueHandler } from './queue-definition.js';
import { HEARTBEAT_EVERY_MS, HeartbeatHandler, SYSTEM_QUEUE } from './heartbeat.js';
import { QUEUE_DEFINITIONS, QueueHost } from './queue-host.js';
import { QueueProducer } from './queue-producer.js';

@Injectable()
class HeartbeatSchedule implements OnApplicationBootstrap {
  constructor(@Inject(QueueProducer) private readonly producer: QueueProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    // one scheduler id: any number of workers share the same schedule instead of multiplying it
    await this.producer.queue(SYSTEM_QUEUE).upsertJobScheduler('heartbeat', { every: HEARTBEAT_EVERY_MS }, { name: 'heartbeat', data: {} });
  }
}

/** The consumer side, for apps/worker: the given queues plus the system heartbeat, each with its handler. */
@Module({})
export class QueueHostModule {
  static forRoot(options: { queues: AnyQueueDefinition[]; handlers: Type<AnyQueueHandler>[]; imports?: DynamicModule['imports'] }): DynamicModule {
    const handlers = [HeartbeatHandler, ...options.handlers];
    return {
      module: QueueHostModule,
      imports: options.imports ?? [],
      providers: [
        ...handlers,
        { provide: QUEUE_DEFINITIONS, useValue: [SYSTEM_QUEUE, ...options.queues] },
        { provide: QUEUE_HANDLERS, inject: handlers, useFactory: (...instances: AnyQueueHandler[]) => instances },
        QueueHost,
        HeartbeatSchedule,
      ],
      exports: [QueueHost],
    };
  }
}
