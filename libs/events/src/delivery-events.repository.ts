import { Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@isac/config';
import { parseTlpLabel } from '@isac/tlp';
import { isEmptyNotification, parseNotification, type DeliveryFact, type DeliveryFacts, type DeliveryNotification } from './console-events.js';

export const DELIVERY_EVENTS_CHANNEL = 'isac_delivery_events';
const RECONNECT_MS = 2000;

export type DeliveryNotificationHandler = (notification: DeliveryNotification) => void;

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

/** PostgreSQL side of live updates: LISTEN on the deliveries triggers' channel, and the facts of the entries named. */
@Injectable()
export class DeliveryEventsRepository {
  private readonly logger = new Logger('DeliveryEvents');
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Listens until stop(); a lost connection is re-opened (events during the gap are missed: the console reloads its lists on reconnect). */
  async listen(onNotification: DeliveryNotificationHandler, onReconnect: () => void): Promise<void> {
    this.stopped = false;
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL, application_name: 'isac-hub:api-events' });
    client.on('notification', (message) => {
      if (message.channel !== DELIVERY_EVENTS_CHANNEL) return;
      const parsed = parseNotification(message.payload);
      if (parsed && !isEmptyNotification(parsed)) onNotification(parsed);
    });
    const reopen = () => {
      if (this.stopped || this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.retry = setTimeout(() => this.listen(onNotification, onReconnect).then(onReconnect, () => undefined), RECONNECT_MS);
    };
    client.on('error', (error) => {
      this.logger.warn({ msg: 'events connection lost', err: error.message });
      reopen();
    });
    client.on('end', reopen);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DELIVERY_EVENTS_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ msg: 'events connection failed', err: (error as Error).message });
      reopen();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
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
}
