import { Injectable, Logger } from '@nestjs/common';
import { DeliveryFactsRepository, type DeliveryFactRow } from '@isac/advisories';
import { AppConfig } from '@isac/config';
import { IncidentCaseAccessRepository } from '@isac/incidents';
import { PgNotificationListener } from '@isac/pg-notifications';
import { parseTlpLabel } from '@isac/tlp';
import { parseCaseNotification, type CaseChangeFacts, type CaseNotification } from './case-events.js';
import { isEmptyNotification, parseNotification, type DeliveryFact, type DeliveryFacts, type DeliveryNotification } from './console-events.js';
import { parseRoomNotification, ROOM_EVENTS_CHANNEL, type RoomNotification } from './room-events.js';

export const DELIVERY_EVENTS_CHANNEL = 'isac_delivery_events';
/** written by the case triggers (migration 1764040100000): a case's timeline, messages or links changed */
export const CASE_EVENTS_CHANNEL = 'isac_case_events';
const RECONNECT_MS = 2000;

export interface NotificationHandlers {
  delivery(notification: DeliveryNotification): void;
  case(notification: CaseNotification): void;
  room(notification: RoomNotification): void;
}

const toFact = (r: DeliveryFactRow): DeliveryFact => ({ ...r, tlp: r.tlp ? parseTlpLabel(r.tlp) : undefined });

/**
 * PostgreSQL side of live updates: LISTEN, on one connection, on the deliveries triggers' channel, the
 * case triggers' channel and the rooms' lines; the facts of the entries and cases they name come from
 * the read models their owners export (@isac/advisories, @isac/incidents).
 */
@Injectable()
export class DeliveryEventsRepository {
  private readonly logger = new Logger('DeliveryEvents');
  private listener: PgNotificationListener | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveryFactsRepository,
    private readonly cases: IncidentCaseAccessRepository,
  ) {}

  /** Listens until stop(); a lost connection is re-opened (events during the gap are missed: the console reloads its lists on reconnect). */
  async listen(handlers: NotificationHandlers, onReconnect: () => void): Promise<void> {
    const listener = new PgNotificationListener({
      connectionString: this.config.DATABASE_URL,
      applicationName: 'isac-hub:api-events',
      channels: [DELIVERY_EVENTS_CHANNEL, CASE_EVENTS_CHANNEL, ROOM_EVENTS_CHANNEL],
      reconnectMs: RECONNECT_MS,
      logger: this.logger,
    })
      .onNotification((payload, channel) => {
        if (channel === ROOM_EVENTS_CHANNEL) {
          const room = parseRoomNotification(payload);
          if (room) handlers.room(room);
          return;
        }
        if (channel === CASE_EVENTS_CHANNEL) {
          const parsed = parseCaseNotification(payload);
          if (parsed) handlers.case(parsed);
          return;
        }
        const parsed = parseNotification(payload);
        if (parsed && !isEmptyNotification(parsed)) handlers.delivery(parsed);
      })
      .onReconnect(onReconnect);
    this.listener = listener;
    await listener.listen();
  }

  async stop(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
  }

  /**
   * What a notification names for the organisations in `orgIds`. New entries: those whose
   * recipient listens, and once per advisory whose author listens whether it got entries for
   * others (not the 16,000 rows of a fan-out for a count nobody shows). Changed entries: those
   * whose recipient or author listens.
   */
  async facts(notification: DeliveryNotification, orgIds: string[]): Promise<DeliveryFacts> {
    if (notification.change === 'update') {
      return { entries: (await this.deliveries.changedEntries(notification.entries, orgIds)).map(toFact), delivered: [] };
    }
    const { entries, delivered } = await this.deliveries.insertedEntries(notification.advisoryIds, notification.at, orgIds);
    return { entries: entries.map(toFact), delivered };
  }

  /**
   * The marking facts of the cases a case notification names, and of its message: what the TLP
   * policy needs to tell who may hear of the change (read through @isac/incidents' read model).
   */
  async caseFacts(notification: CaseNotification): Promise<CaseChangeFacts> {
    const [cases, message] = await Promise.all([
      this.cases.casesByIds(notification.caseIds),
      notification.messageId ? this.cases.messageById(notification.messageId) : Promise.resolve(null),
    ]);
    return {
      cases: cases.map((c) => ({ id: c.id, tlp: c.tlp, reporterOrgId: c.authorOrgId, recipientOrgIds: c.recipientOrgIds })),
      message,
    };
  }
}
