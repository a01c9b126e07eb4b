import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * An incident case: one reporter's STIX incident (by id) and the reports it filed on it (DESIGN §4).
 * Cases are the reporter's as its objects are (DESIGN §2 ownership): another organisation filing
 * the same incident id opens a case of its own, and learns nothing of this one.
 */
@Entity({ name: 'incident_cases' })
@Index(['openedAt', 'id'])
@Index(['reporterOrgId', 'incidentId'], { unique: true })
export class IncidentCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'varchar', length: 300 })
  incidentId: string;

  /** The `modified` of the incident's latest version. */
  @Column({ name: 'incident_version', type: 'varchar', length: 40 })
  incidentVersion: string;

  @Column({ type: 'varchar', length: 500 })
  name: string;

  @Index()
  @Column({ name: 'reporter_org_id', type: 'uuid' })
  reporterOrgId: string;

  /** The reporter's sector, whose regime sets the clocks. */
  @Index()
  @Column({ type: 'varchar', length: 32, nullable: true })
  sector: string | null;

  @Column({ type: 'varchar', length: 8 })
  regime: 'nis2' | 'dora';

  @Column({ type: 'varchar', length: 16 })
  stage: string;

  /** The effective TLP of the incident (unmarked: TLP:AMBER+STRICT, DESIGN §2). */
  @Column({ type: 'varchar', length: 24 })
  tlp: string;

  /** Always the centre and the reporter's sector unit (DESIGN §2). */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @Column({ name: 'affected_sectors', type: 'varchar', array: true })
  affectedSectors: string[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  severity: string | null;

  @Column({ name: 'aware_at', type: 'timestamptz' })
  awareAt: Date;

  @Column({ name: 'classified_at', type: 'timestamptz', nullable: true })
  classifiedAt: Date | null;

  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true })
  handledAt: Date | null;

  /** The earliest deadline not met yet (null when all are): what `overdue` and the clock job read. */
  @Index()
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;

  @Column({ name: 'next_due_clock', type: 'varchar', length: 24, nullable: true })
  nextDueClock: string | null;

  /** Set when the reporter or the centre closed the case (issue 17); closed cases leave the active lists. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 2000, nullable: true })
  closeReason: string | null;

  /** The exercise that created it (issue 19), null for real work: real views leave it out, the exercise's purge removes it. */
  @Column({ name: 'exercise_id', type: 'uuid', nullable: true })
  exerciseId: string | null;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
