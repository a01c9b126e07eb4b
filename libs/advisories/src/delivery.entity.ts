import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WebhookState } from './advisory.types.js';

/**
 * One advisory in one organisation's inbox, with its receipts (DESIGN §5). Its identity is
 * (advisory, organisation): no surrogate id, so routing maintains one key less per entry, and
 * within an organisation's inbox the entry is named by its advisory's id.
 */
@Entity({ name: 'deliveries' })
@Index('deliveries_inbox', ['orgId', 'deliveredAt', 'advisoryId'])
export class DeliveryEntity {
  @PrimaryColumn({ name: 'advisory_id', type: 'uuid', primaryKeyConstraintName: 'deliveries_advisory_org' })
  advisoryId: string;

  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'deliveries_advisory_org' })
  orgId: string;

  /** the recipient that forwarded it here; null when routed from the audience */
  @Column({ name: 'via_org_id', type: 'uuid', nullable: true })
  viaOrgId: string | null;

  // millisecond precision: keyset cursors carry JS Dates, which would cut microseconds and skip rows
  @CreateDateColumn({ name: 'delivered_at', type: 'timestamptz', precision: 3 })
  deliveredAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'acked_at', type: 'timestamptz', nullable: true })
  ackedAt: Date | null;

  /** null when the organisation had no webhook when it was delivered */
  // partial: the reconciler looks for pending pushes only, and most entries have no webhook at all
  @Index('deliveries_pending_push', { where: `webhook_state = 'pending'` })
  @Column({ name: 'webhook_state', type: 'varchar', length: 16, nullable: true })
  webhookState: WebhookState | null;

  @Column({ name: 'webhook_attempts', type: 'int', default: 0 })
  webhookAttempts: number;

  @Column({ name: 'webhook_last_error', type: 'varchar', length: 500, nullable: true })
  webhookLastError: string | null;

  @Column({ name: 'webhook_updated_at', type: 'timestamptz', nullable: true })
  webhookUpdatedAt: Date | null;

  /** an unacknowledged alert past its deadline was escalated (reminder + entry for the centre) */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}
