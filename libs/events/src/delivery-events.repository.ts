import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@isac/config';
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

const FACT_COLUMNS = `d.advisory_id, d.org_id, a.author_org_id, a.tlp, a.recipient_org_ids, a.kind`;
type FactRow = { advisory_id: string; org_id: string; author_org_id: string; tlp: string | null; recipient_org_ids: string[]; kind: 'advisory' | 'alert' };

const toFact = (r: FactRow): DeliveryFact => ({
  advisoryId: r.advisory_id,
  recipientOrgId: r.org_id,
  authorOrgId: r.author_org_id,
  tlp: r.tlp ? parseTlpLabel(r.tlp) : undefined,
  recipientOrgIds: r.recipient_org_ids,
  kind: r.kind,
});

/**
 * PostgreSQL side of live updates: LISTEN, on one connection, on the deliveries triggers' channel, the
 * case triggers' channel and the rooms' lines, and the facts of the entries and cases they name.
 */
@Injectable()
export class DeliveryEventsRepository {
  private readonly logger = new Logger('DeliveryEvents');
  private listener: PgNotificationListener | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
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
      const rows: FactRow[] = await this.dataSource.query(
        `SELECT ${FACT_COLUMNS}
           FROM unnest($1::uuid[], $2::uuid[]) AS e(advisory_id, org_id)
           JOIN deliveries d ON d.advisory_id = e.advisory_id AND d.org_id = e.org_id
           JOIN advisories a ON a.id = d.advisory_id
          WHERE d.org_id = ANY($3::uuid[]) OR a.author_org_id = ANY($3::uuid[])`,
        [notification.entries.map((e) => e.advisoryId), notification.entries.map((e) => e.orgId), orgIds],
      );
      return { entries: rows.map(toFact), delivered: [] };
    }
    // the entries those advisories got in the announcing statement: delivered_at is its now(), to the millisecond
    const params = [notification.advisoryIds, notification.at, orgIds];
    const [rows, authored]: [FactRow[], { advisory_id: string; author_org_id: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${FACT_COLUMNS} FROM deliveries d JOIN advisories a ON a.id = d.advisory_id
          WHERE d.advisory_id = ANY($1::uuid[]) AND d.delivered_at = $2::timestamptz(3) AND d.org_id = ANY($3::uuid[])`,
        params,
      ),
      this.dataSource.query(
        `SELECT a.id AS advisory_id, a.author_org_id FROM advisories a
          WHERE a.id = ANY($1::uuid[]) AND a.author_org_id = ANY($3::uuid[])
            AND EXISTS (SELECT 1 FROM deliveries d WHERE d.advisory_id = a.id AND d.delivered_at = $2::timestamptz(3) AND d.org_id <> a.author_org_id)`,
        params,
      ),
    ]);
    return { entries: rows.map(toFact), delivered: authored.map((r) => ({ advisoryId: r.advisory_id, authorOrgId: r.author_org_id })) };
  }

  /**
   * The marking facts of the cases a case notification names, and of its message: what the TLP
   * policy needs to tell who may hear of the change (incident_cases and incident_messages belong to
   * libs/incidents; only these columns are read, as the deliveries' facts are above).
   */
  async caseFacts(notification: CaseNotification): Promise<CaseChangeFacts> {
    const [cases, messages]: [{ id: string; tlp: string; reporter_org_id: string; recipient_org_ids: string[] }[], { id: string; case_id: string; tlp: string; author_org_id: string; recipient_org_ids: string[] }[]] = await Promise.all([
      this.dataSource.query(`SELECT id, tlp, reporter_org_id, recipient_org_ids FROM incident_cases WHERE id = ANY($1::uuid[])`, [notification.caseIds]),
      notification.messageId
        ? this.dataSource.query(`SELECT id, case_id, tlp, author_org_id, recipient_org_ids FROM incident_messages WHERE id = $1`, [notification.messageId])
        : Promise.resolve([]),
    ]);
    const [message] = messages;
    return {
      cases: cases.map((c) => ({ id: c.id, tlp: c.tlp, reporterOrgId: c.reporter_org_id, recipientOrgIds: c.recipient_org_ids })),
      message: message ? { id: message.id, caseId: message.case_id, tlp: message.tlp, authorOrgId: message.author_org_id, recipientOrgIds: message.recipient_org_ids } : null,
    };
  }
}
