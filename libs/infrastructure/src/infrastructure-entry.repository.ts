import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';

export type NewEntry = Omit<InfrastructureEntryEntity, 'id' | 'createdAt'>;

/** The only code that reads or writes `infrastructure_entries`. */
@Injectable()
export class InfrastructureEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get entries() {
    return this.dataSource.getRepository(InfrastructureEntryEntity);
  }

  async insert(entry: NewEntry): Promise<InfrastructureEntryEntity> {
    return this.entries.save(this.entries.create(entry));
  }

  /**
   * A superset of the entries `reader` may read (the TLP policy then decides on each): shared with
   * the network, its own, named to it, or AMBER named to its sector unit. Optionally only those of
   * some organisations.
   */
  candidatesFor(reader: { orgId: string; parentId: string | null }, orgIds?: string[]): Promise<InfrastructureEntryEntity[]> {
    const query = this.entries
      .createQueryBuilder('e')
      .where(`(e.tlp IN ('TLP:CLEAR', 'TLP:GREEN') OR e.org_id = :me OR :me = ANY(e.recipient_org_ids) OR (e.tlp = 'TLP:AMBER' AND :parent::uuid = ANY(e.recipient_org_ids)))`, {
        me: reader.orgId,
        parent: reader.parentId,
      })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (orgIds) query.andWhere('e.org_id = ANY(:orgIds)', { orgIds });
    return query.getMany();
  }

  /**
   * Entries of the organisations in scope (null: the whole network) that may be exposed: running a
   * product of these keys (null: any product, for match strings with wildcards in vendor or
   * product) or depending on one of the providers. Both arrays are GIN-indexed.
   */
  exposureCandidates(scopeOrgIds: string[] | null, productKeys: string[] | null, providers: string[], withProducts: boolean): Promise<InfrastructureEntryEntity[]> {
    const query = this.entries.createQueryBuilder('e');
    const conditions: string[] = [];
    if (withProducts) conditions.push(productKeys === null ? `cardinality(e.product_keys) > 0` : `e.product_keys && :productKeys::text[]`);
    if (providers.length) conditions.push(`e.depends_on && :providers::text[]`);
    if (!conditions.length) return Promise.resolve([]);
    query.where(`(${conditions.join(' OR ')})`, { productKeys, providers });
    if (scopeOrgIds) query.andWhere('e.org_id = ANY(:scope)', { scope: scopeOrgIds });
    return query.getMany();
  }
}
