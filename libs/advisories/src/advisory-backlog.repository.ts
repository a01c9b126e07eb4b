import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';

/** What publishing has not finished yet: the numbers that tell whether the hub keeps up. */
export interface AdvisoryBacklog {
  /** advisories written but not yet moved to the route queue, and the oldest one's age */
  outbox: { rows: number; oldestSeconds: number | null };
  /** advisories relayed but not yet routed into inboxes */
  unrouted: number;
  /** webhook pushes waiting for a (next) try */
  pendingPushes: number;
}

/** The read model @isac/advisories offers the API's metrics: counts only, each through an index. */
@Injectable()
export class AdvisoryBacklogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async backlog(): Promise<AdvisoryBacklog> {
    const [row]: { outbox: number; oldest: number | null; unrouted: number; pending: number }[] = await currentManager(this.dataSource).query(
      `SELECT (SELECT count(*)::int FROM advisory_outbox) AS outbox,
              (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM advisory_outbox) AS oldest,
              (SELECT count(*)::int FROM advisories WHERE routed_at IS NULL) AS unrouted,
              (SELECT count(*)::int FROM deliveries WHERE webhook_state = 'pending') AS pending`,
    );
    return { outbox: { rows: row!.outbox, oldestSeconds: row!.oldest }, unrouted: row!.unrouted, pendingPushes: row!.pending };
  }
}
