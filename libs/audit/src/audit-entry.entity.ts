import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read of an AMBER, AMBER+STRICT or RED item by an organisation other than its author (DESIGN §2).
 * The table is partitioned by month of `at` (migration 1764041020000): retention drops whole months,
 * and the key holds `at` because PostgreSQL wants the partition key in every unique key.
 */
@Entity({ name: 'audit_log' })
@Index(['itemKind', 'itemId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ name: 'at', type: 'timestamptz', primary: true })
  at: Date;

  @Column({ name: 'reader_org_id', type: 'uuid' })
  readerOrgId: string;

  @Column({ name: 'reader_key_prefix', type: 'varchar', length: 32, nullable: true })
  readerKeyPrefix: string | null;

  @Column({ name: 'item_kind', type: 'varchar', length: 32 })
  itemKind: string;

  @Column({ name: 'item_id', type: 'varchar', length: 128 })
  itemId: string;

  @Column({ type: 'varchar', length: 24 })
  tlp: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  /** where the read happened: 'rest', 'taxii', 'inbox', 'webhook', 'agenda', 'briefing' */
  @Column({ type: 'varchar', length: 16 })
  channel: string;
}
