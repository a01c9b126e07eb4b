import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { AdvisoryAudience, AdvisoryExposure, AdvisoryKind, Severity } from './advisory.types.js';

/** An advisory or a centre alert (DESIGN §5). Immutable once accepted; routing state aside. */
@Entity({ name: 'advisories' })
@Index(['createdAt', 'id'])
@Index(['authorOrgId', 'idempotencyKey'], { unique: true })
// partial: the escalation step looks for live alerts past their deadline, a handful among every advisory ever
@Index('advisories_ack_due', ['expiresAt', 'ackDeadline'], { where: 'requires_ack' })
export class AdvisoryEntity {
  /** A UUIDv7 (time-ordered): the inbox is partitioned by month of it (migrations 1764041000000, 1764041010000). */
  @PrimaryColumn({ type: 'uuid', default: () => 'isac_uuid_v7()' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AdvisoryKind;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  severity: Severity;

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  /** the audience as the author wrote it (slugs and sectors) */
  @Column({ type: 'jsonb' })
  audience: AdvisoryAudience;

  /** the audience resolved to organisations when it was accepted: the TLP policy's named recipients */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  /**
   * A targeted audience's outcome (products, dependsOn): how many organisations the registers
   * matched, and the recipients the author's receipts count instead of naming (those whose
   * registers the author may not read, and their sector units).
   */
  @Column({ type: 'jsonb', nullable: true })
  exposure: AdvisoryExposure | null;

  @Column({ type: 'jsonb', nullable: true })
  stix: object[] | null;

  @Column({ name: 'requires_ack', type: 'boolean', default: false })
  requiresAck: boolean;

  @Column({ name: 'ack_deadline', type: 'timestamptz', nullable: true })
  ackDeadline: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the request, to tell a retry (same body) from a misuse of the key (other body) */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  /** last time the relay or the reconciler handed it to the route queue */
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  /** how many times the reconciler re-drove it (part of the re-drive job id) */
  @Column({ name: 'route_redrives', type: 'int', default: 0 })
  routeRedrives: number;

  /** set once every delivery is written: the reconciler's sign that routing is finished */
  @Index()
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt: Date | null;

  /** The exercise that created it (issue 19), null for real work: real views leave it out, the exercise's purge removes it. */
  @Column({ name: 'exercise_id', type: 'uuid', nullable: true })
  exerciseId: string | null;

  // millisecond precision: keyset cursors carry JS Dates, which would cut microseconds and skip rows
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
