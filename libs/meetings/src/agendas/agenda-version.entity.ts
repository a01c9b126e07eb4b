import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { StoredAgenda } from './agenda-json.js';

/**
 * One published version of a meeting's agenda, kept as it went out: version 1 is the publication,
 * each later one a correction (issue 17). Each version keeps its own marking and sources, so the
 * policy judges a reader of an old version against what that version holds.
 */
@Entity({ name: 'meeting_agenda_versions' })
@Index(['meetingId', 'version'], { unique: true })
export class MeetingAgendaVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  agenda: StoredAgenda;

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  /** The advisory this version went out as: the participants' inbox and event stream. */
  @Column({ name: 'advisory_id', type: 'uuid' })
  advisoryId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'published_by_org_id', type: 'uuid' })
  publishedByOrgId: string;

  /** The prefix of the key that published it (null for versions recorded before keys were kept). */
  @Column({ name: 'published_by_key', type: 'varchar', length: 64, nullable: true })
  publishedByKey: string | null;

  /** What changed against the version before, one line each; empty for version 1. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: string[];

  /** The coordinator's own words on the correction. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;
}
