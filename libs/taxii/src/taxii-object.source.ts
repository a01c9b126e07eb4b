import { Injectable } from '@nestjs/common';
import { IncidentCaseAccessRepository, type CaseAccess } from '@isac/incidents';
import { StixObjectPagesRepository, type CopyVersion, type StoredVersionScan, type StoredVersionScope } from '@isac/stix-store';
import type { Membership } from './collections.js';
import type { Cursor } from './cursor.js';
import type { TaxiiFilter } from './filters.js';
import type { ScannedBatch, ScannedRow, StoredRow } from './paging.js';

/**
 * Where a collection's rows come from: the store's paged read model (@isac/stix-store owns
 * `stix_objects`) and, for the incidents collection, which cases filed them (@isac/incidents owns
 * the cases and their timelines). Access is not decided here; TaxiiReadService passes every row,
 * and every case, through the TLP policy.
 */
export interface RowQuery {
  membership: Membership;
  filter: Pick<TaxiiFilter, 'addedAfter' | 'ids' | 'types' | 'versions' | 'specVersions'>;
  /** envelopes need the objects; manifests and versions need their keys, and the objects with granular markings only */
  withObjects: boolean;
  /** with each row, how many versions its copy has (to choose first/last among the versions a reader may read) */
  countVersions?: StoredVersionScan['countVersions'];
}

/** A collection's membership as the store's scope: the incidents collection takes every candidate (its cases decide). */
function scopeOf(membership: Membership): StoredVersionScope {
  return membership.kind === 'incident-cases' ? { kind: 'any' } : membership;
}

@Injectable()
export class TaxiiObjectSource {
  constructor(
    private readonly pages: StixObjectPagesRepository,
    private readonly cases: IncidentCaseAccessRepository,
  ) {}

  /**
   * Scans up to `count` rows after `after` in (date_added, id, version) order; each comes back with
   * its position, and with its fields when it is in the collection and matches the filters.
   *
   * In the incidents collection every row walked is a candidate, and comes back with the cases
   * that filed its id (`filedWith`): whether it is in the collection is the TLP policy's decision
   * on those cases (TaxiiReadService), not this query's; rows no case filed are not candidates.
   */
  async scanAfter(query: RowQuery, after: Cursor | undefined, count: number): Promise<ScannedBatch> {
    const scan = { ...query.filter, scope: scopeOf(query.membership), withObjects: query.withObjects, countVersions: query.countVersions };
    if (query.membership.kind !== 'incident-cases') return this.pages.scanAfter(scan, after, count);
    // the incidents collection: the rows' keys, the cases filing them, then the objects of the filed ones only
    const { items: scanned, walked } = await this.pages.scanAfter({ ...scan, withObjects: false }, after, count);
    const filing = await this.cases.casesFiling([...new Set(scanned.flatMap((s) => (s.row ? [s.row.stixId] : [])))]);
    const candidates = scanned.map((s): ScannedRow => {
      const filedWith = s.row && filing.get(s.row.stixId);
      return filedWith ? { ...s, filedWith } : { position: s.position };
    });
    if (!query.withObjects) return { items: candidates, walked };
    const texts = await this.pages.objectTexts(candidates.flatMap((c): StoredRow[] => (c.row ? [c.row] : [])));
    const items = candidates.map((c) => {
      const objectJson = c.row && texts.get(`${c.row.stixId} ${c.row.version} ${c.row.authorOrgId}`);
      // a version deleted between the two statements is gone from this page too
      return c.row && objectJson !== undefined ? { ...c, row: { ...c.row, objectJson } } : { position: c.position };
    });
    return { items, walked };
  }

  /** Every version of these owners' copies, oldest first, with the fields the TLP policy decides on. */
  versionsOfCopies(copies: { stixId: string; authorOrgId: string }[]): Promise<CopyVersion[]> {
    return this.pages.versionsOfCopies(copies);
  }

  /** The marking fields of these cases (those gone are left out). */
  casesByIds(ids: string[]): Promise<CaseAccess[]> {
    return this.cases.casesByIds(ids);
  }
}
