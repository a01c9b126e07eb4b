import pg from 'pg';

/** The PostgreSQL channel on which a revocation is announced (payload: the key id), at its commit. */
export const KEY_REVOKED_CHANNEL = 'isac_api_key_revoked';

const RECONNECT_MS = 1000;

/**
 * Listens for key revocations on their own PostgreSQL connection, so that every API replica drops a
 * cached key the moment another process revokes it. `live` is true only while the LISTEN holds:
 * callers may trust a cache only then. `generation` changes with every revocation heard and every
 * loss of the connection, so a caller can tell whether one happened while it was reading a key.
 */
export class KeyRevocationListener {
  live = false;
  generation = 0;
  private client: pg.Client | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onRevoked: (keyId: string) => void,
    private readonly onLost: () => void,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.live = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'isac-hub:key-revocations' });
      client.on('notification', (message) => {
        this.generation++;
        if (message.payload) this.onRevoked(message.payload);
      });
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${KEY_REVOKED_CHANNEL}`);
        if (this.stopped) return void (await client.end());
        this.client = client;
        this.live = true;
        return;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS).unref());
      }
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    this.generation++;
    this.onLost();
    if (!this.stopped) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }
}
