import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One version of one organisation's copy of a STIX object, keyed by (id, owner, version) — STIX 2.1
 * §3.6: an object's versions share its id and differ by `modified`, and only its creator makes new
 * ones. The owner is the organisation that filed or pushed it (DESIGN §2 ownership): two
 * organisations holding the same id (a deterministic SCO, the same ATT&CK object) hold two copies,
 * each under its own marking, and neither can change the other's. Marking definitions have no
 * owner: they are held once per id under SHARED_OWNER. `version` is `modified` as received (else
 * `created`, else '' for unversioned SCOs), so the same version sent twice is the same row.
 */
@Entity({ name: 'stix_objects' })
// TAXII pages walk objects in date_added order (stored_at, then id, version and owner as
// tie-breakers); type and author are tested on the rows walked, so neither has an index of its own
@Index('stix_objects_date_added', ['storedAt', 'stixId', 'version', 'authorOrgId'])
export class StixObjectEntity {
  @PrimaryColumn({ name: 'stix_id', type: 'varchar', length: 300 })
  stixId: string;

  /** The owner: the organisation that submitted it (the TLP policy's author), SHARED_OWNER for marking definitions. */
  @PrimaryColumn({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  /** `version` as an instant, to order versions (timestamps may differ in precision as text). */
  @Column({ name: 'modified_at', type: 'timestamptz', nullable: true })
  modifiedAt: Date | null;

  @Column({ type: 'varchar', length: 250 })
  type: string;

  @Column({ name: 'created_by_ref', type: 'varchar', length: 300, nullable: true })
  createdByRef: string | null;

  /** The effective TLP the policy applies (its own marking, else the submission's). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  tlp: string | null;

  @Column({ name: 'recipient_org_ids', type: 'uuid', array: true })
  recipientOrgIds: string[];

  @Column({ type: 'boolean', default: false })
  revoked: boolean;

  /** The latest version of its id (the one reads return). */
  @Column({ name: 'is_current', type: 'boolean', default: true })
  isCurrent: boolean;

  /** The object as received: `json`, not `jsonb`, keeps key order and custom properties as given. */
  @Column({ type: 'json' })
  object: Record<string, unknown>;

  /** The exercise that created it (issue 19), null for real work: real views leave it out, the exercise's purge removes it. */
  @Column({ name: 'exercise_id', type: 'uuid', nullable: true })
  exerciseId: string | null;

  @CreateDateColumn({ name: 'stored_at', type: 'timestamptz' })
  storedAt: Date;
}

/** The owner of marking definitions: nobody (DESIGN §2), so one copy per id serves every organisation. */
export const SHARED_OWNER = '00000000-0000-0000-0000-000000000000';
