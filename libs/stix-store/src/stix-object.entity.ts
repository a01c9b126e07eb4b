import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One version of a STIX object, keyed by (id, version) — STIX 2.1 §3.6: an object's versions share
 * its id and differ by `modified`. `version` is `modified` as received (else `created`, else '' for
 * unversioned SCOs), so the same version sent twice is the same row.
 */
@Entity({ name: 'stix_objects' })
// TAXII pages walk objects in date_added order (stored_at, then id and version as tie-breakers);
// type and author are tested on the rows walked, so neither has an index of its own
@Index('stix_objects_date_added', ['storedAt', 'stixId', 'version'])
export class StixObjectEntity {
  @PrimaryColumn({ name: 'stix_id', type: 'varchar', length: 300 })
  stixId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  /** `version` as an instant, to order versions (timestamps may differ in precision as text). */
  @Column({ name: 'modified_at', type: 'timestamptz', nullable: true })
  modifiedAt: Date | null;

  @Column({ type: 'varchar', length: 250 })
  type: string;

  /** The organisation that submitted it (the TLP policy's author). */
  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

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

  @CreateDateColumn({ name: 'stored_at', type: 'timestamptz' })
  storedAt: Date;
}
