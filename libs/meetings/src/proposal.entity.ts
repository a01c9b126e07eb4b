import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';

/** An item a sector unit proposes for a meeting's agenda; its marking is judged like any other source. */
@Entity({ name: 'meeting_proposals' })
export class MeetingProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'int', nullable: true })
  minutes: number | null;

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  /** The meeting's participants when proposed: the proposal's named recipients. */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
