import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { canRead, parseTlpLabel, type Decision } from '@isac/tlp';
import type { CollectionDefinition } from './collections.js';
import { parseFilter, type FilterOptions, type TaxiiFilter } from './filters.js';
import { dateAddedHeaders, fillPage, type Page, type StoredRow } from './paging.js';
import { envelopeOf, manifestOf, versionsOf } from './resources.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiObjectRepository } from './taxii-object.repository.js';

export interface TaxiiResponse {
  body: object;
  headers: Record<string, string>;
}

/** §3.4.1: the server's page size when none is asked, and its cap. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

const OBJECTS: FilterOptions = { defaultLimit: DEFAULT_PAGE, maxLimit: MAX_PAGE, allow: ['id', 'type', 'version', 'spec_version'] };
/** §5.5 get an object: no match[id] / match[type] (the id is in the URL) */
const OBJECT: FilterOptions = { ...OBJECTS, allow: ['version', 'spec_version'] };
/** §5.7 versions: added_after, limit, next, match[spec_version] */
const VERSIONS: FilterOptions = { ...OBJECTS, allow: ['spec_version'] };

/** §5.6 delete: match[version] and match[spec_version] */
const DELETE: FilterOptions = { ...OBJECTS, allow: ['version', 'spec_version'] };

const hasNestedVersion = (query: Record<string, unknown>) => typeof query.match === 'object' && query.match !== null && 'version' in query.match;

const AUDIT_SLICE = 2_000;

/** TAXII reads (§5.3 objects and manifest, §5.5 object, §5.7 versions): every row through canRead. */
@Injectable()
export class TaxiiReadService {
  constructor(
    private readonly collections: TaxiiCollectionsService,
    private readonly objects: TaxiiObjectRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  async getObjects(principal: Principal | null, collectionId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const page = await this.page(principal, collectionId, parseFilter(query, OBJECTS));
    return { body: envelopeOf(page), headers: dateAddedHeaders(page.rows) };
  }

  async getManifest(principal: Principal | null, collectionId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const page = await this.page(principal, collectionId, parseFilter(query, OBJECTS), false);
    return { body: manifestOf(page), headers: dateAddedHeaders(page.rows) };
  }

  /** §5.5: 404 when the collection holds no version of the id the caller may read. */
  async getObject(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const filter = { ...parseFilter(query, OBJECT), ids: [checkedId(objectId)] };
    const page = await this.page(principal, collectionId, filter);
    if (page.rows.length === 0 && filter.next === undefined) await this.requireExists(principal, collectionId, objectId);
    return { body: envelopeOf(page), headers: dateAddedHeaders(page.rows) };
  }

  async getVersions(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const filter = { ...parseFilter(query, VERSIONS), ids: [checkedId(objectId)], versions: [{ kind: 'all' as const }] };
    const page = await this.page(principal, collectionId, filter, false);
    if (page.rows.length === 0 && filter.next === undefined) await this.requireExists(principal, collectionId, objectId);
    return { body: versionsOf(page), headers: dateAddedHeaders(page.rows) };
  }

  /**
   * §5.6 the versions a delete would remove: those of the id matching match[version] (default: all)
   * and match[spec_version] that the caller may read; 404 when there are none.
   */
  async rowsToDelete(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<StoredRow[]> {
    const parsed = parseFilter(query, DELETE);
    const filter = { ...parsed, ids: [checkedId(objectId)], limit: MAX_PAGE, versions: query['match[version]'] === undefined && !hasNestedVersion(query) ? [{ kind: 'all' as const }] : parsed.versions };
    const page = await this.page(principal, collectionId, filter, false);
    if (page.rows.length === 0) throw taxiiErrors.notFound(`The collection holds no object ${objectId} you may read.`);
    return page.rows;
  }

  private async requireExists(principal: Principal | null, collectionId: string, objectId: string): Promise<void> {
    const any = await this.page(principal, collectionId, { ids: [objectId], limit: 1, versions: [{ kind: 'all' }] }, false);
    if (any.rows.length === 0) throw taxiiErrors.notFound(`The collection holds no object ${objectId} you may read.`);
  }

  /** One page of a collection for the caller; audited reads are logged when the objects themselves are returned. */
  private async page(principal: Principal | null, collectionId: string, filter: TaxiiFilter, audited = true): Promise<Page> {
    const collection: CollectionDefinition = await this.collections.require(principal, collectionId, 'read');
    const [network, before] = await Promise.all([this.directory.network(), this.objects.visibleBefore()]);
    const reader = principal === null ? null : { orgId: principal.organisation.id };
    const decisions = new Map<StoredRow, Decision>();
    const readable = (row: StoredRow) => {
      const item = { tlp: row.tlp === null ? undefined : parseTlpLabel(row.tlp), authorOrgId: row.authorOrgId, recipientOrgIds: row.recipientOrgIds, kind: 'stix' as const };
      const decision = canRead(item, reader, network);
      decisions.set(row, decision);
      return decision.allowed;
    };
    const page = await fillPage((after, count) => this.objects.rowsAfter({ membership: collection.membership, filter, before }, after, count), filter.next, filter.limit, readable);
    if (audited && principal !== null) await this.recordReads(principal, page.rows, decisions);
    return page;
  }

  private async recordReads(principal: Principal, rows: StoredRow[], decisions: Map<StoredRow, Decision>): Promise<void> {
    const reads = rows.map((row) => ({ item: { kind: 'stix' as const, id: row.stixId, tlp: row.tlp ?? 'unmarked', authorOrgId: row.authorOrgId }, decision: decisions.get(row)! }));
    for (let start = 0; start < reads.length; start += AUDIT_SLICE) await this.audit.recordReads(principal, reads.slice(start, start + AUDIT_SLICE), 'taxii');
  }
}

const STIX_ID = /^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function checkedId(objectId: string): string {
  if (!STIX_ID.test(objectId)) throw taxiiErrors.notFound(`${objectId} is not a STIX identifier; no object has it.`);
  return objectId;
}
