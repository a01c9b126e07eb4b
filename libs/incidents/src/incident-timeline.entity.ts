import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TimelineKind = 'report' | 'due-soon' | 'overdue' | 'feedback' | 'closed' | 'reopened';

/** One entry of a case's timeline: a report filed, a clock coming due or overdue, the centre's feedback. */
@Entity({ name: 'incident_timeline' })
@Index(['caseId', 'at'])
// GIN over object_ids (migration 1764015000000): TypeORM cannot describe it, so it leaves it alone
@Index('incident_timeline_object_ids', { synchronize: false })
export class IncidentTimelineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TimelineKind;

  /** The report stage, or the clock for due-soon/overdue entries. */
  @Column({ type: 'varchar', length: 24 })
  stage: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Reports: the incident version filed. */
  @Column({ name: 'incident_version', type: 'varchar', length: 40, nullable: true })
  incidentVersion: string | null;

  /** Reports: the ids of every object of the submitted bundle (the case's bundle is their union). */
  @Column({ name: 'object_ids', type: 'text', array: true, default: () => "'{}'" })
  objectIds: string[];

  /** Reports: the required items the submitted STIX lacked (stage-content.ts). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  missing: { item: string; pointer: string; detail: string }[];

  /** Feedback: what kind the centre gave (guidance, assessment, severity-reassessment). */
  @Column({ name: 'feedback_kind', type: 'varchar', length: 24, nullable: true })
  feedbackKind: string | null;

  /** Feedback: its Markdown text; closed: the reason given. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ name: 'by_org_id', type: 'uuid', nullable: true })
  byOrgId: string | null;

  /** Makes the clock job idempotent: one due-soon and one overdue entry per clock and case. */
  @Index({ unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120, nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
