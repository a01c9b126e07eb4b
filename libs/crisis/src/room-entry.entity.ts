import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { EntryKind, SectorState } from './major-incident.types.js';

/** One line of a room's timeline: its declaration, a sitrep, a status change, a task, a decision, the stand-down. */
@Entity({ name: 'major_incident_entries' })
@Index(['majorIncidentId', 'createdAt'])
export class RoomEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'major_incident_id', type: 'uuid' })
  majorIncidentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: EntryKind;

  /** the organisation that wrote it */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId: string;

  /** a sitrep's own marking (no weaker than the room's); null: the room's */
  @Column({ type: 'varchar', length: 24, nullable: true })
  tlp: TlpLabel | null;

  /** a sitrep's body, a status note, a task's title, a decision's text */
  @Column({ type: 'text', default: '' })
  body: string;

  /** status changes: the sector and its new state */
  @Column({ type: 'varchar', length: 32, nullable: true })
  sector: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  state: SectorState | null;

  /** tasks: the owning organisation and the due time */
  @Column({ name: 'owner_org_id', type: 'uuid', nullable: true })
  ownerOrgId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  due: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
