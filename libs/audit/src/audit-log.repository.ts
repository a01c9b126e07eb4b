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
    await this.dataSource.createQueryBuilder().insert().into(AuditEntryEntity).values(records).execute();
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
