import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { BreakPolicy } from './agendas/agenda.js';
import type { StoredAgenda } from './agendas/agenda-json.js';

export type MeetingState = 'draft' | 'published' | 'held';

/** A network meeting (DESIGN §6) with its current agenda; the agenda is the pure core's Agenda as JSON. */
@Entity({ name: 'meetings' })
@Index(['series', 'startsAt'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  location: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 2000, nullable: true })
  onlineUrl: string | null;

  /** The participating organisations: the readers every agenda item is screened for. */
  @Column({ name: 'participant_org_ids', type: 'uuid', array: true })
  participantOrgIds: string[];

  @Column({ type: 'varchar', length: 24, default: 'TLP:AMBER' })
  tlp: TlpLabel;

  /** Meetings of one series follow each other: a draft covers the period since the previous one. */
  @Column({ type: 'varchar', length: 100 })
  series: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  state: MeetingState;

  @Index()
  @Column({ name: 'coordinator_org_id', type: 'uuid' })
  coordinatorOrgId: string;

  /** Where calendar replies go (the invitation's ORGANIZER); none means no ORGANIZER line. */
  @Column({ name: 'organizer_email', type: 'varchar', length: 320, nullable: true })
  organizerEmail: string | null;

  @Column({ type: 'jsonb', nullable: true })
  breaks: BreakPolicy | null;

  /** The current agenda with what was excluded and deferred; null until drafted. */
  @Column({ type: 'jsonb', nullable: true })
  agenda: StoredAgenda | null;

  /** The advisory the published agenda went out as. */
  @Column({ name: 'agenda_advisory_id', type: 'uuid', nullable: true })
  agendaAdvisoryId: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The current published version of the agenda (meeting_agenda_versions); null until published. */
  @Column({ name: 'agenda_version', type: 'int', nullable: true })
  agendaVersion: number | null;

  /** A correction of the published agenda being edited by the coordinator; only the coordinator sees it. */
  @Column({ name: 'agenda_correction', type: 'jsonb', nullable: true })
  agendaCorrection: StoredAgenda | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
