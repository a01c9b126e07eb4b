import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface AuditRecord {
  readerOrgId: string;
  readerKeyPrefix: string | null;
  itemKind: string;
  itemId: string;
  tlp: string;
  authorOrgId: string;
  channel: string;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Append-only: this repository has no update or delete. */
  async append(records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    // one statement whatever the count, its parameters seven arrays (a TAXII page audits up to 1,000 reads)
    const column = <K extends keyof AuditRecord>(key: K) => records.map((r) => r[key]);
    await this.dataSource.query(
      `INSERT INTO audit_log (reader_org_id, reader_key_prefix, item_kind, item_id, tlp, author_org_id, channel)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[])`,
      [
        column('readerOrgId'),
        column('readerKeyPrefix'),
        column('itemKind'),
        column('itemId'),
        column('tlp'),
        column('authorOrgId'),
        column('channel'),
      ],
    );
  }

  /** Newest first, keyset-paginated on the identity column. */
  async page(filter: { before?: string; limit: number; itemId?: string; readerOrgId?: string }): Promise<AuditEntryEntity[]> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(filter.limit);
    if (filter.before) query.andWhere('a.id < :before', { before: filter.before });
    if (filter.itemId) query.andWhere('a.item_id = :itemId', { itemId: filter.itemId });
    if (filter.readerOrgId) query.andWhere('a.reader_org_id = :readerOrgId', { readerOrgId: filter.readerOrgId });
    return query.getMany();
  }
}
