import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createMonthPartition,
  dropPartition,
  isLockTimeout,
  listPartitions,
  partitionName,
  partitionsWhollyBefore,
  type MonthlyPartitioning,
  type MonthMade,
} from '@isac/partitions';

/**
 * The audit log is partitioned by month of `at` (migration 1764041020000). Its append-only guard
 * is on every partition as well as on the table: a statement naming a partition is refused too.
 */
export const AUDIT_LOG_PARTITIONING: MonthlyPartitioning = {
  table: 'audit_log',
  keyColumn: 'at',
  keyKind: 'timestamptz',
  partitionTriggers: [{ name: 'audit_log_append_only', timing: 'BEFORE UPDATE OR DELETE OR TRUNCATE', function: 'audit_log_append_only' }],
};

export interface AuditMonthDropped {
  partition: string;
  from: Date;
  to: Date;
  bytes: number;
  estimatedRows: number | null;
}

/**
 * The audit log's retention. It never deletes a row: it drops whole months, each only once every
 * read it records is older than the cutoff (the default partition, holding rows of months nobody
 * made, is never dropped; its rows move into their month when that month is made).
 */
@Injectable()
export class AuditRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Makes the months' partitions not made yet; answers those made (or left for the next run: `busy`), with the rows each took over from the default partition. */
  async createMonths(months: Date[]): Promise<MonthMade[]> {
    const made: MonthMade[] = [];
    for (const month of months) {
      const partition = partitionName(AUDIT_LOG_PARTITIONING.table, month);
      try {
        const { created, moved } = await this.dataSource.transaction((manager) => createMonthPartition(manager, AUDIT_LOG_PARTITIONING, month));
        if (created) made.push({ partition, moved });
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        made.push({ partition, moved: 0, busy: true });
      }
    }
    return made;
  }

  /** Drops every month whose range ends by `cutoff`; answers those dropped, and those whose lock was not had in time. */
  async dropMonthsBefore(cutoff: Date): Promise<{ dropped: AuditMonthDropped[]; busy: string[] }> {
    const dropped: AuditMonthDropped[] = [];
    const busy: string[] = [];
    const { months } = await listPartitions(this.dataSource, AUDIT_LOG_PARTITIONING);
    for (const month of partitionsWhollyBefore(months, cutoff)) {
      try {
        await this.dataSource.transaction((manager) => dropPartition(manager, AUDIT_LOG_PARTITIONING, month.name));
        dropped.push({ partition: month.name, from: month.from, to: month.to, bytes: month.bytes, estimatedRows: month.estimatedRows });
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        busy.push(month.name);
      }
    }
    return { dropped, busy };
  }
}
