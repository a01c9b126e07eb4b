import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { createRedis, redisTarget, type RedisClient } from './redis-connection.js';
import { QueueProducer } from './queue-producer.js';
import { REDIS } from './tokens.js';


/** The process's Redis command connection and the producer side of every queue. */
@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly producer: QueueProducer,
  ) {}

  static forRoot(): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: REDIS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const redis = createRedis(redisTarget(config), 'commands', 'isac-hub:commands');
            // readiness reports the outage; the connection keeps retrying by itself
            redis.on('error', () => undefined);
            return redis;
          },
        },
        QueueProducer,
      ],
      exports: [REDIS, QueueProducer],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    this.redis.disconnect();
  }
}
