import { Injectable } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { QueueProducer } from '@isac/messaging';
import type { NetworkSnapshot } from '@isac/organisations';
import type { PendingPush } from './delivery.repository.js';
import { deliverQueueName, deliverQueues, pushJobId } from './queues.js';

/** Puts webhook pushes on their sector's `deliver` queue (job id per advisory and organisation: a push is queued once). */
@Injectable()
export class PushScheduler {
  private readonly queues;

  constructor(
    private readonly producer: QueueProducer,
    private readonly config: AppConfig,
  ) {
    this.queues = new Map(deliverQueues(config).map((q) => [q.name, q]));
  }

  async schedule(pushes: PendingPush[], network: NetworkSnapshot): Promise<void> {
    const byQueue = new Map<string, PendingPush[]>();
    for (const push of pushes) {
      const name = deliverQueueName(network.byId(push.orgId)?.sector ?? null);
      const batch = byQueue.get(name);
      if (batch) batch.push(push);
      else byQueue.set(name, [push]);
    }
    await Promise.all(
      [...byQueue].map(([name, batch]) =>
        this.producer.addBulk(
          this.queues.get(name)!,
          batch.map((push) => ({
            name: 'push',
            data: { advisoryId: push.advisoryId, orgId: push.orgId },
            opts: {
              jobId: pushJobId(push),
              attempts: this.config.WEBHOOK_ATTEMPTS,
              backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS },
            },
          })),
        ),
      ),
    );
  }
}
