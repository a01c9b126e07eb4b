import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdvisoryMatch } from './advisory.types.js';

/**
 * Issue 18: what of one exposed organisation's register a targeted advisory matched, recorded when
 * the advisory is accepted (later edits of the register change nothing). Read for that organisation
 * only — its inbox entry, its view of the advisory, its webhook body — never for the author or others.
 */
@Entity({ name: 'advisory_matches' })
export class AdvisoryMatchEntity {
  @PrimaryColumn({ name: 'advisory_id', type: 'uuid', primaryKeyConstraintName: 'advisory_matches_advisory_org' })
  advisoryId: string;

  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'advisory_matches_advisory_org' })
  orgId: string;

  @Column({ type: 'jsonb' })
  matched: AdvisoryMatch[];
}
