import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { AssetKind, Criticality } from './register.types.js';

export const REGISTER_CHANGES = ['added', 'changed', 'removed'] as const;
export type RegisterChange = (typeof REGISTER_CHANGES)[number];

/**
 * One change to a register entry (issue 18: the agenda's overview item lists what changed in a
 * sector's registers since the last meeting). It keeps what the entry was after the change (or when
 * removed) under the entry's marking and recipients, so a removed entry stays as protected as it was.
 */
@Entity({ name: 'infrastructure_entry_changes' })
@Index(['orgId', 'at'])
export class InfrastructureChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ type: 'varchar', length: 8 })
  change: RegisterChange;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AssetKind;

  @Column({ type: 'varchar', length: 16 })
  criticality: Criticality;

  /** for `changed`: which fields changed (name, kind, criticality, products, dependsOn, tlp) */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @CreateDateColumn({ name: 'at', type: 'timestamptz', precision: 3 })
  at: Date;
}
