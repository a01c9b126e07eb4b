import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organisation that asked for the daily briefing. */
@Entity({ name: 'briefing_subscriptions' })
export class BriefingSubscriptionEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A briefing sent: one per organisation and day, and the advisory it went out as (left out of later briefings). */
@Entity({ name: 'briefings_sent' })
export class BriefingSentEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @Column({ name: 'advisory_id', type: 'uuid' })
  advisoryId: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
