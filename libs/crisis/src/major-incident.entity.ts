import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';

/** A major incident the centre declared: one coordination room (DESIGN §8, issue 19). */
@Entity({ name: 'major_incidents' })
@Index(['declaredAt'])
export class MajorIncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the centre: the author of the TLP rules */
  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  /** the sectors concerned, as declared */
  @Column({ type: 'text', array: true })
  sectors: string[];

  /** the sector units of those sectors: the room's named recipients for the TLP policy */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @Column({ name: 'case_ids', type: 'uuid', array: true, default: () => "'{}'" })
  caseIds: string[];

  @Column({ name: 'sitrep_every_minutes', type: 'int', nullable: true })
  sitrepEveryMinutes: number | null;

  /** the alert that told the concerned units (its receipts give the time to acknowledge) */
  @Column({ name: 'alert_id', type: 'uuid', nullable: true })
  alertId: string | null;

  /** The exercise that created it (issue 19), null for real work: real views leave it out, the exercise's purge removes it. */
  @Column({ name: 'exercise_id', type: 'uuid', nullable: true })
  exerciseId: string | null;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz', precision: 3 })
  declaredAt: Date;

  /** set by the stand-down: the room takes nothing more */
  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;
}
