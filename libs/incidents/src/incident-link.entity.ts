import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LinkBasis, LinkReason } from './link-keys.js';

/**
 * Two cases linked (DESIGN §8 "linked cases"), stored once per pair (caseAId < caseBId). Who may see
 * a link is who may read both cases: the TLP policy, asked per case.
 */
@Entity({ name: 'incident_case_links' })
@Index(['caseAId', 'caseBId'], { unique: true })
@Index(['caseBId'])
export class IncidentLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_a_id', type: 'uuid' })
  caseAId: string;

  @Column({ name: 'case_b_id', type: 'uuid' })
  caseBId: string;

  @Column({ type: 'varchar', length: 24, default: 'related-to' })
  relationship: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons: LinkReason[];

  /** The coordinator's organisation for a link made by hand; null when the hub found it. */
  @Column({ name: 'created_by_org_id', type: 'uuid', nullable: true })
  createdByOrgId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * What a case can be linked by: the hash of an indicator pattern, an observable's id or an attack
 * pattern's id or ATT&CK external id, with the value itself for the link's reasons.
 */
@Entity({ name: 'incident_case_keys' })
@Index(['keyHash'])
export class IncidentCaseKeyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 24 })
  basis: LinkBasis;

  @Column({ type: 'varchar', length: 500 })
  value: string;
}
