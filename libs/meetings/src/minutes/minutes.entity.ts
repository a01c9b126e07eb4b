import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TlpLabel } from '@isac/tlp';
import type { ActionStatus } from './minutes.js';

/** A decision recorded in a meeting's minutes against one agenda item. */
@Entity({ name: 'meeting_decisions' })
export class MeetingDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'varchar', length: 200 })
  agendaItemId: string;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * An action item of the minutes. It carries the minutes' marking and readers (the meeting's TLP
 * and participants, written by the coordinator) so the next draft can ask the policy about it.
 */
@Entity({ name: 'meeting_action_items' })
@Index(['series', 'status'])
export class MeetingActionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  /** The meeting's series, so open actions carry into the next meeting of the same series. */
  @Column({ type: 'varchar', length: 100 })
  series: string;

  @Column({ name: 'agenda_item_id', type: 'varchar', length: 200, nullable: true })
  agendaItemId: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrgId: string;

  /** The end of the due day (UTC): an action due on a day is overdue from the next. */
  @Column({ type: 'timestamptz' })
  due: Date;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: ActionStatus;

  @Column({ type: 'varchar', length: 24 })
  tlp: TlpLabel;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
