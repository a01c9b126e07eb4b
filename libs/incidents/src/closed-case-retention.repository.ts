import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteCasesWithTheirRows } from './incident-case.repository.js';

const BATCH = 200;

/**
 * The retention of closed cases: a case closed before the cutoff goes with its timeline, messages,
 * links and link keys. Cases are few (a network files some a day), so plain deletes in batches.
 * An open case is never touched: a batch picks closed cases only and locks them, skipping any case
 * another transaction holds (one being reopened or written to waits for a later run), so no case
 * can be reopened between being picked and being deleted.
 * The STIX objects filed with a case stay in the STIX store, which holds them for every case and
 * collection that refers to them.
 */
@Injectable()
export class ClosedCaseRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes the cases closed before `cutoff`, with their rows; answers their ids. */
  async deleteClosedBefore(cutoff: Date): Promise<string[]> {
    const removed: string[] = [];
    for (;;) {
      const ids = await this.dataSource.transaction(async (manager) => {
        const rows: { id: string }[] = await manager.query(
          `SELECT id FROM incident_cases WHERE closed_at IS NOT NULL AND closed_at < $1 ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [cutoff, BATCH],
        );
        const picked = rows.map((r) => r.id);
        await deleteCasesWithTheirRows(picked, manager);
        return picked;
      });
      removed.push(...ids);
      if (ids.length < BATCH) return removed;
    }
  }
}
