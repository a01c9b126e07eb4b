import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ApiKeysService, NetworkDirectory } from '@isac/organisations';
import { caseEventsOf, inCaseScope, type CaseNotification } from './case-events.js';
import { eventsOf, heardBy, type ConsoleEvent, type DeliveryNotification } from './console-events.js';
import { DeliveryEventsRepository } from './delivery-events.repository.js';
import { roomEventsFor, type RoomEvent, type RoomNotification } from './room-events.js';

export interface EventSubscriber {
  orgId: string;
  /** the key the stream was opened with: the stream lives as long as the key does */
  keyId: string;
  /** the key's roles: which of the organisation's events the stream hears (heardBy) */
  roles: readonly string[];
  /** the cases the key reads (caseReadScope): which case events the stream hears */
  caseScope: { reporterOrgId?: string };
  send(event: ConsoleEvent | RoomEvent | { type: 'resync' }): void;
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
  private stopHearingRevocations: (() => void) | null = null;

  constructor(
    private readonly repository: DeliveryEventsRepository,
    private readonly directory: NetworkDirectory,
    private readonly keys: ApiKeysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // a revoked key's streams end as the revocation commits (DESIGN §1: revocable), on every replica
    this.stopHearingRevocations = this.keys.onRevocation((keyId) => {
      if (keyId) this.closeWhere((s) => s.keyId === keyId);
      else void this.closeRevoked().catch((error) => this.logger.warn({ msg: 'key check of open streams failed', err: String(error) }));
    });
    const inTurn = (work: () => Promise<void>) =>
      (this.queue = this.queue.then(work).catch((error) => this.logger.warn({ msg: 'event dispatch failed', err: String(error) })));
    await this.repository.listen(
      {
        delivery: (notification) => inTurn(() => this.dispatch(notification)),
        case: (notification) => inTurn(() => this.dispatchCase(notification)),
        room: (notification) => inTurn(() => this.dispatchRoom(notification)),
      },
      () => this.broadcast({ type: 'resync' }),
    );
  }

  // open streams would keep the HTTP server from closing: end them first (the console reconnects to another replica)
  beforeApplicationShutdown(): void {
    this.stopHearingRevocations?.();
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
    // a revocation heard between the key's check and this subscription found no stream to end
    void this.keys
      .activeKeyIds([subscriber.keyId])
      .then((active) => active.has(subscriber.keyId) || this.closeWhere((s) => s === subscriber))
      .catch((error) => this.logger.warn({ msg: 'key check of a new stream failed', err: String(error) }));
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(subscriber.orgId) === set) this.subscribers.delete(subscriber.orgId);
    };
  }

  /**
   * Every event goes only to streams whose key is active when it is sent: the keys are read from
   * PostgreSQL after the notification's facts, so a key revoked before the change committed never
   * hears of it, even when the revocation's own announcement comes late or not at all; its stream ends.
   */
  private async dispatch(notification: DeliveryNotification): Promise<void> {
    const listening = [...this.subscribers.keys()];
    if (listening.length === 0) return;
    const facts = await this.repository.facts(notification, listening);
    if (facts.entries.length === 0 && facts.delivered.length === 0) return;
    const network = await this.directory.network();
    await this.send(eventsOf(facts, notification.change, network));
  }

  /** A case changed: its readers' streams hear of it (case-events.ts decides who), after the same key check. */
  private async dispatchCase(notification: CaseNotification): Promise<void> {
    const listening = [...this.subscribers.keys()];
    if (listening.length === 0) return;
    const facts = await this.repository.caseFacts(notification);
    const network = await this.directory.network();
    await this.send(caseEventsOf(notification, facts, listening, network), (s) => inCaseScope(facts, s.caseScope));
  }

  /** A room's new line: to the streams of the organisations that may read it (the facts came with the line). */
  private async dispatchRoom(notification: RoomNotification): Promise<void> {
    const listening = [...this.subscribers.keys()];
    if (listening.length === 0) return;
    await this.send(roomEventsFor(notification, listening, await this.directory.network()));
  }

  private async send(addressed: { orgId: string; event: ConsoleEvent | RoomEvent }[], inScope: (s: EventSubscriber) => boolean = () => true): Promise<void> {
    const hears = (s: EventSubscriber, event: ConsoleEvent | RoomEvent) => heardBy(event, s.roles) && inScope(s);
    const recipients = new Set(addressed.flatMap(({ orgId, event }) => [...(this.subscribers.get(orgId) ?? [])].filter((s) => hears(s, event))));
    if (recipients.size === 0) return;
    const active = await this.keys.activeKeyIds([...recipients].map((s) => s.keyId));
    this.closeWhere((s) => recipients.has(s) && !active.has(s.keyId));
    for (const { orgId, event } of addressed) {
      // a stream closed meanwhile (revoked, gone) is no longer in the set
      for (const subscriber of this.subscribers.get(orgId) ?? []) if (recipients.has(subscriber) && hears(subscriber, event)) subscriber.send(event);
    }
  }

  /** After revocations may have been missed: ends the streams whose key is no longer active. */
  private async closeRevoked(): Promise<void> {
    const open = [...this.subscribers.values()].flatMap((set) => [...set]);
    if (open.length === 0) return;
    const active = await this.keys.activeKeyIds(open.map((s) => s.keyId));
    this.closeWhere((s) => !active.has(s.keyId));
  }

  private closeWhere(matches: (subscriber: EventSubscriber) => boolean): void {
    for (const [orgId, set] of this.subscribers) {
      for (const subscriber of set) {
        if (!matches(subscriber)) continue;
        set.delete(subscriber);
        subscriber.close();
      }
      if (set.size === 0) this.subscribers.delete(orgId);
    }
  }

  private broadcast(event: { type: 'resync' }): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.send(event);
  }
}
