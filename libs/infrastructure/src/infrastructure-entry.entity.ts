import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { AssetKind, Criticality } from './register.types.js';

/** One critical service or asset in an organisation's register (DESIGN §8). */
@Entity({ name: 'infrastructure_entries' })
@Index(['orgId', 'createdAt'])
// GIN over product_keys and depends_on (migration 1764030300000): TypeORM cannot describe them, so it leaves them alone
@Index('infrastructure_entries_product_keys', { synchronize: false })
@Index('infrastructure_entries_depends_on', { synchronize: false })
export class InfrastructureEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the organisation whose register holds the entry: the author of the TLP rules */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AssetKind;

  @Column({ type: 'varchar', length: 16 })
  criticality: Criticality;

  /** CPE 2.3 formatted strings as written */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  products: string[];

  /** `part:vendor:product` of each product, lowercased: what a targeted warning looks up first */
  @Column({ name: 'product_keys', type: 'text', array: true, default: () => "'{}'" })
  productKeys: string[];

  /** slugs of network organisations, or `external:<supplier name>` */
  @Column({ name: 'depends_on', type: 'text', array: true, default: () => "'{}'" })
  dependsOn: string[];

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  /** the centre and the organisation's sector unit: the entry's named recipients for the TLP policy */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  // millisecond precision, as every keyset-ordered table
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
