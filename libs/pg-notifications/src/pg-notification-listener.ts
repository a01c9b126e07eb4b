import pg from 'pg';

export interface PgNotificationListenerOptions {
  connectionString: string;
  /** names the connection in pg_stat_activity, so operators (and tests) can tell it apart */
  applicationName: string;
  channels: readonly string[];
  /** the wait before each new attempt, so a database going away is not hammered */
  reconnectMs: number;
  logger?: { warn(message: unknown): void };
}

export type NotificationHandler = (payload: string | undefined, channel: string) => void;

/**
 * LISTENs on its own connection until close(). A lost connection (or a failed attempt) is retried
 * after `reconnectMs`, for ever; notifications sent while it was down are lost, so whoever relies on
 * them hears of every new LISTEN after a loss through `onReconnect` and catches up there. `live` is
 * true only while the LISTEN holds.
 */
export class PgNotificationListener {
  live = false;
  private readonly notified: NotificationHandler[] = [];
  private readonly reconnected: (() => void)[] = [];
  private started: Promise<void> | null = null;
  private closed = false;
  private client: pg.Client | null = null;
  private connecting: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: PgNotificationListenerOptions) {}

  onNotification(handler: NotificationHandler): this {
    this.notified.push(handler);
    return this;
  }

  /** runs each time the LISTEN holds again after a loss or a failed attempt */
  onReconnect(handler: () => void): this {
    this.reconnected.push(handler);
    return this;
  }

  /**
   * Starts listening (once; later calls return the same promise). Resolves when the LISTEN first
   * holds (or close() came first); rejects with the first attempt's error, while the attempts go on.
   */
  listen(): Promise<void> {
    this.started ??= this.connect(false);
    return this.started;
  }

  /** Stops for good: no attempt pending, no connection left open once it resolves. */
  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const clients = [this.client, this.connecting];
    this.client = this.connecting = null;
    await Promise.all(clients.map((client) => client?.end().catch(() => undefined)));
  }

  private async connect(retrying: boolean): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    try {
      await this.attempt(retrying);
    } catch (error) {
      if (this.closed) return;
      this.options.logger?.warn({ msg: 'LISTEN connection failed', connection: this.options.applicationName, err: (error as Error).message });
      this.scheduleRetry();
      throw error;
    }
  }

  /** One connection and its LISTENs; live at its end, unless close() came first. */
  private async attempt(retrying: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: this.options.applicationName });
    let established = false;
    let gone = false;
    const lost = (error?: Error) => {
      if (gone) return;
      gone = true;
      if (established) this.lost(client, error);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      for (const handler of this.notified) handler(message.payload, message.channel);
    });
    this.connecting = client;
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    } finally {
      if (this.connecting === client) this.connecting = null;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    // lost between the LISTEN and here: its events have been emitted already, nobody would retry
    if (gone) throw new Error('connection lost as it started listening');
    established = true;
    this.client = client;
    this.live = true;
    // in the same step as `live`: nobody sees the listener live before it has caught up
    if (retrying) for (const handler of this.reconnected) this.run(handler);
  }

  // a failing handler must not pass for a failed attempt: the connection holds, no retry is due
  private run(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.options.logger?.warn({ msg: 'reconnect handler failed', connection: this.options.applicationName, err: String(error) });
    }
  }

  private lost(client: pg.Client, error: Error | undefined): void {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    this.options.logger?.warn({ msg: 'LISTEN connection lost', connection: this.options.applicationName, err: error?.message });
    client.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    // a listener alone keeps no process alive; close() clears it anyway
    this.retry = setTimeout(() => void this.connect(true).catch(() => undefined), this.options.reconnectMs).unref();
  }
}
