import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StatusDetail } from './resources.js';

/**
 * TAXII 2.1 §4.3 status of one POSTed envelope. The lists are rewritten in one statement when the
 * worker finishes, so `successes + failures + pendings` always holds every object exactly once.
 */
@Entity({ name: 'taxii_status' })
@Index(['requestedByOrgId'])
export class TaxiiStatusEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'collection_id', type: 'uuid' })
  collectionId: string;

  @Column({ name: 'requested_by_org_id', type: 'uuid' })
  requestedByOrgId: string;

  @Column({ name: 'requested_by_key_id', type: 'uuid' })
  requestedByKeyId: string;

  // retention finds finished statuses by age
  @Index()
  @CreateDateColumn({ name: 'request_timestamp', type: 'timestamptz' })
  requestTimestamp: Date;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'complete';

  @Column({ type: 'json' })
  successes: StatusDetail[];

  @Column({ type: 'json' })
  failures: StatusDetail[];

  @Column({ type: 'json' })
  pendings: StatusDetail[];

  /** The posted objects until the worker has processed them (then null): a lost job can be re-driven. */
  @Column({ type: 'json', nullable: true })
  objects: Record<string, unknown>[] | null;
}
