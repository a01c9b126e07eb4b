import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 1000;

/**
 * The retention of TAXII statuses (§4.3): a client polls its envelope's status for minutes, not
 * months. A small table (one row per POSTed envelope), so plain deletes in batches, by request time
 * (indexed); a status still pending is never removed, its envelope is still to be processed.
 */
@Injectable()
export class TaxiiStatusRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes the finished statuses requested before `cutoff`; answers how many. */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM taxii_status WHERE id IN (
           SELECT id FROM taxii_status WHERE request_timestamp < $1 AND status = 'complete' ORDER BY request_timestamp LIMIT $2)`,
        [cutoff, BATCH],
      );
      deleted += count;
      if (count < BATCH) return deleted;
    }
  }
}
