import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface HubState {
  /** advisories written but not yet moved to the route queue, and the oldest one's age */
  outbox: { rows: number; oldestSeconds: number | null };
  /** advisories relayed but not yet routed into inboxes */
  unrouted: number;
  /** webhook pushes waiting for a (next) try */
  pendingPushes: number;
  /** incident cases with a report past its deadline (real ones: an exercise's run no real clock, issue 19) */
  overdueCases: number;
}

/**
 * How long the counts may take. A table locked by another session (a migration, VACUUM FULL) would
 * hold the scrape until the lock is gone and Prometheus gave up on it (10 s by default), the API's
 * own metrics with it; past this the read fails and the scrape answers with isac_metrics_state_read_ok 0.
 */
const STATE_READ_TIMEOUT_MS = 2_000;

/** The few counts of the shared state that tell whether the hub keeps up; each read goes through an index. */
@Injectable()
export class HubStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  read(): Promise<HubState> {
    return this.dataSource.transaction(async (manager) => {
      // LOCAL: the timeout ends with this transaction, the pooled connection keeps no trace of it
      await manager.query(`SET LOCAL statement_timeout = ${STATE_READ_TIMEOUT_MS}`);
      const [row]: { outbox: number; oldest: number | null; unrouted: number; pending: number; overdue: number }[] = await manager.query(
        `SELECT (SELECT count(*)::int FROM advisory_outbox) AS outbox,
                (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM advisory_outbox) AS oldest,
                (SELECT count(*)::int FROM advisories WHERE routed_at IS NULL) AS unrouted,
                (SELECT count(*)::int FROM deliveries WHERE webhook_state = 'pending') AS pending,
                (SELECT count(*)::int FROM incident_cases WHERE next_due_at < now() AND exercise_id IS NULL) AS overdue`,
      );
      return { outbox: { rows: row!.outbox, oldestSeconds: row!.oldest }, unrouted: row!.unrouted, pendingPushes: row!.pending, overdueCases: row!.overdue };
    });
  }
}
