import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_KINDS = ['question', 'answer', 'assistance-request', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * One message of a case's conversation (DESIGN §8: cases are worked together) between the reporter,
 * its sector unit and the centre. Its TLP is never wider than the case's; who reads it is the TLP
 * policy's to decide, with the case's parties as its named recipients.
 */
@Entity({ name: 'incident_messages' })
@Index(['caseId', 'createdAt'])
export class IncidentMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: MessageKind;

  @Column({ type: 'varchar', length: 24 })
  tlp: string;

  /** Markdown. */
  @Column({ type: 'text' })
  body: string;

  /** The organisations the message is addressed to: the case's reporter and its recipients. */
  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
