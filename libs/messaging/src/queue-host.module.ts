import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { QUEUE_HANDLERS, queuesOf, type AnyQueueHandler } from './queue-definition.js';
import { HEARTBEAT_SCHEDULE, HeartbeatHandler, SYSTEM_QUEUE } from './heartbeat.js';
import { QUEUE_DEFINITIONS, QueueHost } from './queue-host.js';
import { QueueProducer } from './queue-producer.js';

@Injectable()
class HeartbeatSchedule implements OnApplicationBootstrap {
  constructor(@Inject(QueueProducer) private readonly producer: QueueProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule(SYSTEM_QUEUE, HEARTBEAT_SCHEDULE);
  }
}

/**
 * The consumer side, for apps/worker: the queues the given handlers serve plus the system
 * heartbeat. The queue list comes from the handlers, so a queue cannot be run without one; two
 * handlers of one queue still fail the boot (QueueHost's check).
 */
@Module({})
export class QueueHostModule {
  static forRoot(options: { handlers: Type<AnyQueueHandler>[]; imports?: DynamicModule['imports'] }): DynamicModule {
    const handlers = [HeartbeatHandler, ...options.handlers];
    return {
      module: QueueHostModule,
      imports: options.imports ?? [],
      providers: [
        ...handlers,
        // not from HeartbeatHandler, which reports these definitions: it serves SYSTEM_QUEUE, named here
        { provide: QUEUE_DEFINITIONS, inject: options.handlers, useFactory: (...instances: AnyQueueHandler[]) => [SYSTEM_QUEUE, ...queuesOf(instances)] },
        { provide: QUEUE_HANDLERS, inject: handlers, useFactory: (...instances: AnyQueueHandler[]) => instances },
        QueueHost,
        HeartbeatSchedule,
      ],
      exports: [QueueHost],
    };
  }
}
