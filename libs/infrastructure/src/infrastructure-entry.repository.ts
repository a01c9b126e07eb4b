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

  /**
   * As exposureCandidates, with only the columns resolving an audience reads (products only when
   * asked by product): parsing every array column of every candidate was most of the time (bench exposure).
   */
  async exposureRows(scopeOrgIds: string[] | null, productKeys: string[] | null, providers: string[], withProducts: boolean): Promise<ExposureRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (withProducts) {
      if (productKeys === null) conditions.push(`cardinality(product_keys) > 0`);
      else conditions.push(`product_keys && $${params.push(productKeys)}::text[]`);
    }
    if (providers.length) conditions.push(`depends_on && $${params.push(providers)}::text[]`);
    if (!conditions.length) return [];
    const scope = scopeOrgIds ? ` AND org_id = ANY($${params.push(scopeOrgIds)}::uuid[])` : '';
    const rows: { id: string; org_id: string; tlp: ExposureRow['tlp']; recipient_org_ids: string[]; depends_on: string[]; products: string[] | null }[] = await this.dataSource.query(
      `SELECT id, org_id, tlp, recipient_org_ids, depends_on, ${withProducts ? 'products' : 'NULL AS products'} FROM infrastructure_entries WHERE (${conditions.join(' OR ')})${scope}`,
      params,
    );
    return rows.map((r) => ({ id: r.id, orgId: r.org_id, tlp: r.tlp, recipientOrgIds: r.recipient_org_ids, dependsOn: r.depends_on, products: r.products ?? [] }));
  }
}

/** What resolving a targeted audience needs of an entry: what it runs and depends on, and its TLP. */
export type ExposureRow = Pick<InfrastructureEntryEntity, 'id' | 'orgId' | 'tlp' | 'recipientOrgIds' | 'dependsOn' | 'products'>;
