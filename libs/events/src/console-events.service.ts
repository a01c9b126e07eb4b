import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { eventsOf, type ConsoleEvent, type DeliveryNotification } from './console-events.js';
import { DeliveryEventsRepository } from './delivery-events.repository.js';

export interface EventSubscriber {
  orgId: string;
  send(event: ConsoleEvent | { type: 'resync' }): void;
  close(): void;
}

/**
 * Fans the deliveries' notifications out to the console streams open on this replica. Every
 * replica listens to PostgreSQL, so a change written by any worker or API process reaches every
 * open stream of the organisations concerned.
 */
@Injectable()
export class ConsoleEventsService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ConsoleEvents');
  private readonly subscribers = new Map<string, Set<EventSubscriber>>();
  // notifications are handled one after the other, so a stream sees an entry's changes in order
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: DeliveryEventsRepository,
    private readonly directory: NetworkDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.repository.listen(
      (notification) => (this.queue = this.queue.then(() => this.dispatch(notification)).catch((error) => this.logger.warn({ msg: 'event dispatch failed', err: String(error) }))),
      () => this.broadcast({ type: 'resync' }),
    );
  }

  // open streams would keep the HTTP server from closing: end them first (the console reconnects to another replica)
  beforeApplicationShutdown(): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.close();
    this.subscribers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.repository.stop();
  }

  subscribe(subscriber: EventSubscriber): () => void {
    const set = this.subscribers.get(subscriber.orgId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(subscriber.orgId, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(subscriber.orgId) === set) this.subscribers.delete(subscriber.orgId);
    };
  }

  private async dispatch(notification: DeliveryNotification): Promise<void> {
    const listening = [...this.subscribers.keys()];
    if (listening.length === 0) return;
    const facts = await this.repository.facts(notification, listening);
    if (facts.entries.length === 0 && facts.delivered.length === 0) return;
    const network = await this.directory.network();
    for (const { orgId, event } of eventsOf(facts, notification.change, network)) {
      for (const subscriber of this.subscribers.get(orgId) ?? []) subscriber.send(event);
    }
  }

  private broadcast(event: { type: 'resync' }): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.send(event);
  }
}
