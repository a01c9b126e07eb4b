import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createMonthPartition,
  defaultPartitionName,
  dropPartition,
  isLockTimeout,
  listPartitions,
  partitionName,
  partitionsWhollyBefore,
  uuidV7Floor,
  type MonthlyPartitioning,
  type MonthMade,
} from '@isac/partitions';

/**
 * The inbox (`deliveries`) is partitioned by month of its advisory's id, a UUIDv7 (migration
 * 1764041010000): the month of an id is the month its advisory was made in.
 */
export const INBOX_PARTITIONING: MonthlyPartitioning = {
  table: 'deliveries',
  keyColumn: 'advisory_id',
  keyKind: 'uuidv7',
  primaryKey: { name: 'deliveries_advisory_org', columns: ['advisory_id', 'org_id'] },
};

export interface InboxMonthDropped {
  partition: string;
  from: Date;
  to: Date;
  bytes: number;
  estimatedRows: number | null;
}

export interface InboxExpiry {
  dropped: InboxMonthDropped[];
  /** months whose drop waited too long for its lock: the next run tries again */
  busy: string[];
  /** entries deleted row by row: those of ids of another version (in the default partition, or in a month their random first bits name) */
  deletedEntries: number;
}

const BATCH = 5000;

/** The inbox's retention: partitions made ahead, months past retention dropped whole. */
@Injectable()
export class InboxRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Makes the months' partitions not made yet; answers those made (or left for the next run: `busy`), with the entries each took over from the default partition. */
  async createMonths(months: Date[]): Promise<MonthMade[]> {
    const made: MonthMade[] = [];
    for (const month of months) {
      const partition = partitionName(INBOX_PARTITIONING.table, month);
      try {
        const { created, moved } = await this.dataSource.transaction((manager) => createMonthPartition(manager, INBOX_PARTITIONING, month));
        if (created) made.push({ partition, moved });
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        made.push({ partition, moved: 0, busy: true });
      }
    }
    return made;
  }

  /**
   * Removes the entries of advisories made before `cutoff`. A month whose range ends by the cutoff
   * is dropped whole — unless an advisory made since has an id of another version whose random
   * first bits fall in that month (ids older than UUIDv7 here): then only the month's expired
   * entries are deleted, and the month waits. Entries in the default partition go by their
   * advisory's creation time, deleted in batches.
   */
  async expireBefore(cutoff: Date): Promise<InboxExpiry> {
    const result: InboxExpiry = { dropped: [], busy: [], deletedEntries: 0 };
    const { months, defaultPartition } = await listPartitions(this.dataSource, INBOX_PARTITIONING);
    for (const month of partitionsWhollyBefore(months, cutoff)) {
      const [{ newer }]: { newer: boolean }[] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM advisories WHERE id >= $1 AND id < $2 AND created_at >= $3) AS newer`,
        [uuidV7Floor(month.from), uuidV7Floor(month.to), cutoff],
      );
      if (newer) {
        result.deletedEntries += await this.deleteExpired(month.name, cutoff);
        continue;
      }
      try {
        await this.dataSource.transaction((manager) => dropPartition(manager, INBOX_PARTITIONING, month.name));
        result.dropped.push({ partition: month.name, from: month.from, to: month.to, bytes: month.bytes, estimatedRows: month.estimatedRows });
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        result.busy.push(month.name);
      }
    }
    if (defaultPartition) result.deletedEntries += await this.deleteExpired(defaultPartition, cutoff);
    return result;
  }

  /** Deletes, in batches, the entries of one partition whose advisory was made before the cutoff. */
  private async deleteExpired(partition: string, cutoff: Date): Promise<number> {
    if (partition !== defaultPartitionName(INBOX_PARTITIONING.table) && !/^deliveries_y\d{4}m\d{2}$/.test(partition))
      throw new Error(`not an inbox partition: ${partition}`);
    let deleted = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM "${partition}" WHERE (advisory_id, org_id) IN (
           SELECT d.advisory_id, d.org_id FROM "${partition}" d JOIN advisories a ON a.id = d.advisory_id WHERE a.created_at < $1 LIMIT $2)`,
        [cutoff, BATCH],
      );
      deleted += count;
      if (count < BATCH) return deleted;
    }
  }
}
