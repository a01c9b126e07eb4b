import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Advisories accepted but not yet handed to the route queue: written in the publishing transaction. */
@Entity({ name: 'advisory_outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'advisory_id', type: 'uuid', unique: true })
  advisoryId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
