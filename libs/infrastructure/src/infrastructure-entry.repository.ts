import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MEMBER_READABLE_LABELS, NETWORK_WIDE_LABELS } from '@isac/tlp';
import { currentManager, transactional } from '@isac/unit-of-work';
import { InfrastructureChangeEntity } from './infrastructure-change.entity.js';
import { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';

export type NewEntry = Omit<InfrastructureEntryEntity, 'id' | 'createdAt' | 'updatedAt'>;
export type EntryEdit = Pick<InfrastructureEntryEntity, 'name' | 'kind' | 'criticality' | 'products' | 'productKeys' | 'dependsOn' | 'tlp'>;

const changeOf = (
  entry: InfrastructureEntryEntity,
  change: InfrastructureChangeEntity['change'],
  fields: string[] = [],
): Partial<InfrastructureChangeEntity> => ({
  entryId: entry.id,
  orgId: entry.orgId,
  change,
  name: entry.name,
  kind: entry.kind,
  criticality: entry.criticality,
  fields,
  tlp: entry.tlp,
  recipientOrgIds: entry.recipientOrgIds,
});

/** The first key of the registers' advisory locks ('REGI'), apart from any other use of advisory locks. */
const REGISTER_LOCK_SPACE = 0x52454749;

/** The only code that reads or writes `infrastructure_entries`. */
@Injectable()
export class InfrastructureEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  // every statement joins the unit of work open in this context (the register's STIX is written in the same one)
  private get entries() {
    return currentManager(this.dataSource).getRepository(InfrastructureEntryEntity);
  }

  /** Without a change record: the seeded example registers are the network's starting state, not news. */
  async insert(entry: NewEntry): Promise<InfrastructureEntryEntity> {
    return this.entries.save(this.entries.create(entry));
  }

  /** A new entry and its `added` change, in one transaction. */
  insertRecorded(entry: NewEntry): Promise<InfrastructureEntryEntity> {
    return transactional(this.dataSource, async (tx) => {
      const saved = await tx.getRepository(InfrastructureEntryEntity).save(tx.getRepository(InfrastructureEntryEntity).create(entry));
      await tx.getRepository(InfrastructureChangeEntity).insert(changeOf(saved, 'added'));
      return saved;
    });
  }

  /** Several new entries and their `added` changes, in one transaction: a bundle is stored whole or not at all. */
  insertAllRecorded(entries: NewEntry[]): Promise<InfrastructureEntryEntity[]> {
    return transactional(this.dataSource, async (tx) => {
      const repo = tx.getRepository(InfrastructureEntryEntity);
      const saved = await repo.save(entries.map((entry) => repo.create(entry)));
      await tx.getRepository(InfrastructureChangeEntity).insert(saved.map((entry) => changeOf(entry, 'added')));
      return saved;
    });
  }

  findById(id: string): Promise<InfrastructureEntryEntity | null> {
    return this.entries.findOneBy({ id });
  }

  /** Names already in an organisation's register (the seed adds only those missing). */
  async namesOf(orgId: string): Promise<Set<string>> {
    return new Set((await this.entries.find({ select: { name: true }, where: { orgId } })).map((e) => e.name));
  }

  /** Changes the entry and records which fields changed, in one transaction; the row is locked meanwhile. */
  updateRecorded(
    id: string,
    edit: (current: InfrastructureEntryEntity) => { next: EntryEdit; fields: string[] } | null,
  ): Promise<InfrastructureEntryEntity | null> {
    return transactional(this.dataSource, async (tx) => {
      const repo = tx.getRepository(InfrastructureEntryEntity);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return null;
      const result = edit(current);
      if (!result || result.fields.length === 0) return current;
      Object.assign(current, result.next);
      const saved = await repo.save(current);
      await tx.getRepository(InfrastructureChangeEntity).insert(changeOf(saved, 'changed', result.fields));
      return saved;
    });
  }

  /**
   * Deletes the entry and records its removal (with what it was, under its marking), in one transaction.
   * The row is read again under its lock: an edit committed meanwhile (a stricter marking) is what the
   * record keeps. Null when it is gone already.
   */
  removeRecorded(id: string): Promise<InfrastructureEntryEntity | null> {
    return transactional(this.dataSource, async (tx) => {
      const repo = tx.getRepository(InfrastructureEntryEntity);
      const entry = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) return null;
      await repo.delete({ id });
      await tx.getRepository(InfrastructureChangeEntity).insert(changeOf(entry, 'removed'));
      return entry;
    });
  }

  /**
   * Locks an organisation's register until the transaction ends: the writes of its STIX take turns,
   * so the marking of an object several entries share is decided on what the others committed.
   */
  async lockRegister(orgId: string): Promise<void> {
    await currentManager(this.dataSource).query(`SELECT pg_advisory_xact_lock(${REGISTER_LOCK_SPACE}, hashtext($1))`, [orgId]);
  }

  /** The organisation's entries naming one of these products or providers (what shares their STIX objects). */
  naming(orgId: string, products: string[], providers: string[]): Promise<InfrastructureEntryEntity[]> {
    if (products.length === 0 && providers.length === 0) return Promise.resolve([]);
    return this.entries
      .createQueryBuilder('e')
      .where('e.org_id = :orgId', { orgId })
      .andWhere('(e.products && :products::text[] OR e.depends_on && :providers::text[])', { products, providers })
      .getMany();
  }

  /** Every entry's id with its organisation, oldest first (the backfill of the registers' STIX). */
  async allIds(): Promise<{ id: string; orgId: string }[]> {
    const rows = await this.entries.find({ select: { id: true, orgId: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, orgId: r.orgId }));
  }

  findByIds(ids: string[]): Promise<InfrastructureEntryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.entries.createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).orderBy('e.created_at', 'ASC').addOrderBy('e.id', 'ASC').getMany();
  }

  /** Changes in (since, until] of the given organisations' registers, oldest first. */
  changesBetween(orgIds: string[], since: Date | null, until: Date): Promise<InfrastructureChangeEntity[]> {
    if (orgIds.length === 0) return Promise.resolve([]);
    const query = this.dataSource
      .getRepository(InfrastructureChangeEntity)
      .createQueryBuilder('c')
      .where('c.org_id = ANY(:orgIds)', { orgIds })
      .andWhere('c.at <= :until', { until })
      .orderBy('c.at', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (since) query.andWhere('c.at > :since', { since });
    return query.getMany();
  }

  /**
   * A superset of the entries `reader` may read (the TLP policy then decides on each): shared with
   * the network, its own, named to it, or AMBER named to its sector unit. Optionally only those of
   * some organisations.
   */
  candidatesFor(reader: { orgId: string; parentId: string | null }, orgIds?: string[]): Promise<InfrastructureEntryEntity[]> {
    const query = this.entries
      .createQueryBuilder('e')
      .where(
        `(e.tlp = ANY(:networkWide) OR e.org_id = :me OR :me = ANY(e.recipient_org_ids)
          OR (e.tlp = ANY(:memberReadable) AND :parent::uuid = ANY(e.recipient_org_ids)))`,
        {
          me: reader.orgId,
          networkWide: NETWORK_WIDE_LABELS,
          memberReadable: MEMBER_READABLE_LABELS,
          parent: reader.parentId,
        },
      )
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
  exposureCandidates(
    scopeOrgIds: string[] | null,
    productKeys: string[] | null,
    providers: string[],
    withProducts: boolean,
  ): Promise<InfrastructureEntryEntity[]> {
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
   * asked by product; the name, which the exposed organisation is told of its own entry): parsing
   * every array column of every candidate was most of the time (bench exposure).
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
    const rows: {
      id: string;
      org_id: string;
      name: string;
      tlp: ExposureRow['tlp'];
      recipient_org_ids: string[];
      depends_on: string[];
      products: string[] | null;
    }[] = await this.dataSource.query(
      `SELECT id, org_id, name, tlp, recipient_org_ids, depends_on, ${withProducts ? 'products' : 'NULL AS products'}
         FROM infrastructure_entries WHERE (${conditions.join(' OR ')})${scope}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      name: r.name,
      tlp: r.tlp,
      recipientOrgIds: r.recipient_org_ids,
      dependsOn: r.depends_on,
      products: r.products ?? [],
    }));
  }
}

/** What resolving a targeted audience needs of an entry: what it runs and depends on, its TLP, and its name (what its holder is told matched). */
export type ExposureRow = Pick<InfrastructureEntryEntity, 'id' | 'orgId' | 'name' | 'tlp' | 'recipientOrgIds' | 'dependsOn' | 'products'>;
