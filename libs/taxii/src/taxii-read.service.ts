import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { compareTimestamps } from '@isac/stix';
import { NetworkDirectory } from '@isac/organisations';
import { SHARED_OWNER } from '@isac/stix-store';
import type { Decision, Network, Reader } from '@isac/tlp';
import type { CollectionDefinition } from './collections.js';
import type { Cursor } from './cursor.js';
import { TaxiiCursors } from './taxii-cursors.service.js';
import { parseFilter, type FilterOptions, type TaxiiFilter, type VersionSelector } from './filters.js';
import { rowsAsSeenBy } from './granular-rows.js';
import { dateAddedHeaders, fillPage, type Page, type RowSource, type StoredRow } from './paging.js';
import { readDecisions, type PolicyFields } from './read-decisions.js';
import { envelopeOf, manifestOf, versionsOf } from './resources.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiObjectSource } from './taxii-object.source.js';

export interface TaxiiResponse {
  /** a resource, or an envelope already serialised (its objects are the stored JSON text) */
  body: object | Buffer;
  headers: Record<string, string>;
}

/** §3.4 `limit`: the server's page size when none is asked, and its cap. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

const OBJECTS: FilterOptions = { defaultLimit: DEFAULT_PAGE, maxLimit: MAX_PAGE, allow: ['id', 'type', 'version', 'spec_version'] };
/** §5.6 get an object: no match[id] / match[type] (the id is in the URL) */
const OBJECT: FilterOptions = { ...OBJECTS, allow: ['version', 'spec_version'] };
/** §5.8 versions: added_after, limit, next, match[spec_version] */
const VERSIONS: FilterOptions = { ...OBJECTS, allow: ['spec_version'] };

/** §5.7 delete: match[version] and match[spec_version] */
const DELETE: FilterOptions = { ...OBJECTS, allow: ['version', 'spec_version'], paged: false };

const hasNestedVersion = (query: Record<string, unknown>) => typeof query.match === 'object' && query.match !== null && 'version' in query.match;

const AUDIT_SLICE = 2_000;
/** readers whose rates are kept (a European network has 30,000 organisations) */
const RATES_KEPT = 10_000;

/** TAXII reads (§5.3 manifest, §5.4 objects, §5.6 object, §5.8 versions): every row through canRead (read-decisions.ts), its object's parts through its granular markings (granular-rows.ts). */
@Injectable()
export class TaxiiReadService {
  constructor(
    private readonly collections: TaxiiCollectionsService,
    private readonly objects: TaxiiObjectSource,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly cursors: TaxiiCursors,
  ) {}

  /** readable rows per row walked, by collection and reader, as the reader's last page found them: they size batches only */
  private readonly rates = new Map<string, number>();

  private rememberRate(key: string, rate: number): void {
    this.rates.delete(key);
    this.rates.set(key, rate);
    // the readers heard from last; one forgotten starts again with a batch of limit + 1
    if (this.rates.size > RATES_KEPT) this.rates.delete(this.rates.keys().next().value!);
  }

  private readonly openNext = (next: string) => this.cursors.decode(next);
  private readonly sealNext = (position: Cursor) => this.cursors.encode(position);

  async getObjects(principal: Principal | null, collectionId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const page = await this.page(principal, collectionId, parseFilter(query, OBJECTS, this.openNext));
    return { body: envelopeOf(page, this.sealNext), headers: dateAddedHeaders(page.rows) };
  }

  async getManifest(principal: Principal | null, collectionId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const page = await this.page(principal, collectionId, parseFilter(query, OBJECTS, this.openNext), { objects: false, audited: true });
    return { body: manifestOf(page, this.sealNext), headers: dateAddedHeaders(page.rows) };
  }

  /**
   * §5.6: 404 when the collection holds no version of the id the caller may read, and when none of
   * them matches match[version] / match[spec_version]: §5.7 says that once a version is deleted,
   * fetching that object/version MUST answer 404. A first page emptied by added_after alone (a
   * client polling for newer versions) is an empty envelope while the object exists.
   */
  async getObject(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const filter = { ...parseFilter(query, OBJECT, this.openNext), ids: [checkedId(objectId)] };
    const page = await this.page(principal, collectionId, filter);
    if (page.rows.length === 0 && filter.next === undefined) {
      if (filter.addedAfter === undefined) throw taxiiErrors.notFound(`The collection holds no version of ${objectId} matching the request that you may read.`);
      await this.requireExists(principal, collectionId, objectId);
    }
    return { body: envelopeOf(page, this.sealNext), headers: dateAddedHeaders(page.rows) };
  }

  async getVersions(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<TaxiiResponse> {
    const filter = { ...parseFilter(query, VERSIONS, this.openNext), ids: [checkedId(objectId)], versions: [{ kind: 'all' as const }] };
    const page = await this.page(principal, collectionId, filter, { objects: false, audited: true });
    if (page.rows.length === 0 && filter.next === undefined) await this.requireExists(principal, collectionId, objectId);
    return { body: versionsOf(page, this.sealNext), headers: dateAddedHeaders(page.rows) };
  }

  /**
   * §5.7 the versions a delete would remove: those of the id matching match[version] (default: all)
   * and match[spec_version] that the caller may read; 404 when there are none.
   */
  async rowsToDelete(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<StoredRow[]> {
    const parsed = parseFilter(query, DELETE, this.openNext);
    const filter = {
      ...parsed,
      ids: [checkedId(objectId)],
      limit: MAX_PAGE,
      versions: query['match[version]'] === undefined && !hasNestedVersion(query) ? [{ kind: 'all' as const }] : parsed.versions,
    };
    const page = await this.page(principal, collectionId, filter, { objects: false, audited: false });
    if (page.rows.length === 0) throw taxiiErrors.notFound(`The collection holds no object ${objectId} you may read.`);
    return page.rows;
  }

  private async requireExists(principal: Principal | null, collectionId: string, objectId: string): Promise<void> {
    const any = await this.page(principal, collectionId, { ids: [objectId], limit: 1, versions: [{ kind: 'all' }] }, { objects: false, audited: false });
    if (any.rows.length === 0) throw taxiiErrors.notFound(`The collection holds no object ${objectId} you may read.`);
  }

  /**
   * One page of a collection for the caller, every row through the TLP policy (once per distinct
   * marking, author and recipients). What is returned to the caller — objects, manifest records
   * or versions — is audited as a read (DESIGN §2); a delete's and a 404 check's rows are not.
   */
  private async page(
    principal: Principal | null,
    collectionId: string,
    filter: TaxiiFilter,
    use: { objects: boolean; audited: boolean } = { objects: true, audited: true },
  ): Promise<Page> {
    const collection: CollectionDefinition = await this.collections.require(principal, collectionId, 'read');
    const network = await this.directory.network();
    const reader: Reader = principal === null ? null : { orgId: principal.organisation.id };
    const decide = readDecisions(reader, network);
    const asSeen = rowsAsSeenBy(reader, network);
    // rows whose object the reader is served with parts withheld, by the row as scanned
    const reduced = new Map<StoredRow, StoredRow>();
    const served = (row: StoredRow) => {
      if (!decide(row).allowed) return false;
      const seen = asSeen(row);
      if (seen !== undefined && seen !== row) reduced.set(row, seen);
      return seen !== undefined;
    };
    // §3.4.1 first / last are chosen among the versions the reader may read (DESIGN §2: no oracle):
    // the scan takes every version, and each copy's readable versions decide which are kept
    const choosing = filter.versions.some((v) => v.kind === 'first' || v.kind === 'last') && !filter.versions.some((v) => v.kind === 'all');
    const rowQuery = {
      membership: collection.membership,
      filter: choosing ? { ...filter, versions: [{ kind: 'all' as const }] } : filter,
      withObjects: use.objects,
      // for `last` alone, a current version the reader may read is the last it may read: only superseded ones are counted
      countVersions: choosing ? (filter.versions.some((v) => v.kind === 'first') ? ('every' as const) : ('superseded' as const)) : undefined,
    };
    const scanAll: RowSource = (after, count) => this.objects.scanAfter(rowQuery, after, count);
    const scan = choosing ? this.readableVersionsOnly(scanAll, filter.versions, decide) : scanAll;
    // a feed read page after page: the first batch sized by the rate the reader's previous page of the collection found
    // (not in the incidents collection, where each row walked has its filing cases read: its first batch stays at limit + 1)
    const sized =
      collection.membership.kind !== 'incident-cases' && filter.ids === undefined && filter.types === undefined && filter.specVersions === undefined;
    const rateKey = sized ? `${collection.id} ${reader?.orgId ?? ''}` : undefined;
    const scanned = await fillPage(
      collection.membership.kind === 'incident-cases' ? this.filedWithReadableCases(scan, reader, network) : scan,
      filter.next,
      filter.limit,
      served,
      undefined,
      rateKey === undefined ? undefined : this.rates.get(rateKey),
    );
    if (rateKey !== undefined && scanned.rate !== undefined) this.rememberRate(rateKey, scanned.rate);
    const page = reduced.size === 0 ? scanned : { ...scanned, rows: scanned.rows.map((row) => reduced.get(row) ?? row) };
    if (use.audited && principal !== null)
      await this.recordReads(
        principal,
        page.rows.map((row) => ({ row, decision: decide(row) })),
      );
    return page;
  }

  /**
   * The incidents collection holds what the cases the reader may read were filed with: each row
   * scanned is kept when canRead lets the reader read one of the cases that filed it. Only those
   * cases are read, each once a request, and each decided once.
   */
  private filedWithReadableCases(scan: RowSource, reader: Reader, network: Network): RowSource {
    const decideCase = readDecisions(reader, network, 'incident');
    /** the reporter of each case the reader may read; null for a case it may not read or that is gone */
    const readableCase = new Map<string, string | null>();
    // a case is made of its reporter's copies (and the marking definitions, held once for everyone),
    // never of another organisation's copy of the same id (DESIGN §2 ownership)
    const filedBy = (reporter: string | null | undefined, owner: string) => typeof reporter === 'string' && (reporter === owner || owner === SHARED_OWNER);
    return async (after, count) => {
      const { items: scanned, walked } = await scan(after, count);
      const unknown = [...new Set(scanned.flatMap((s) => s.filedWith ?? []))].filter((id) => !readableCase.has(id));
      for (const id of unknown) readableCase.set(id, null); // a case gone meanwhile files nothing
      for (const c of await this.objects.casesByIds(unknown)) readableCase.set(c.id, decideCase(c).allowed ? c.authorOrgId : null);
      const items = scanned.map((s) => (s.row && s.filedWith?.some((id) => filedBy(readableCase.get(id), s.row!.authorOrgId)) ? s : { position: s.position }));
      return { items, walked };
    };
  }

  /**
   * Keeps the rows matching the selectors, with `first` and `last` computed over the versions of
   * each copy that the reader may read: an earlier version it may not read neither hides the first
   * one it may (a 404 for `first` where `last` answers would say an earlier version exists), nor does
   * a later one it may not read hide the last one it may. A copy with one version is both.
   */
  private readableVersionsOnly(scan: RowSource, selectors: VersionSelector[], decide: (fields: PolicyFields) => Decision): RowSource {
    const [first, last] = [selectors.some((s) => s.kind === 'first'), selectors.some((s) => s.kind === 'last')];
    const at = selectors.flatMap((s) => (s.kind === 'at' ? [s.timestamp] : []));
    return async (after, count) => {
      const { items: scanned, walked } = await scan(after, count);
      const several = new Map<string, { stixId: string; authorOrgId: string }>();
      for (const s of scanned)
        if (s.row && (s.row.versionCount ?? 1) > 1)
          several.set(`${s.row.stixId} ${s.row.authorOrgId}`, { stixId: s.row.stixId, authorOrgId: s.row.authorOrgId });
      const chosen = new Map<string, { first: string; last: string; current: boolean }>();
      for (const v of await this.objects.versionsOfCopies([...several.values()])) {
        if (!decide(v).allowed) continue;
        const key = `${v.stixId} ${v.authorOrgId}`;
        const c = chosen.get(key);
        // oldest first: the first readable is the first; a later `modified` replaces the last (ties keep the earlier stored, as the store's current);
        // the store's current version, when readable, is the last whatever finer digits `modified` carries than the store compares
        // (rows of the current version are kept as last without their versions read: one answer, not two)
        if (c === undefined) chosen.set(key, { first: v.version, last: v.version, current: v.current });
        else if (v.current) Object.assign(c, { last: v.version, current: true });
        else if (!c.current && compareTimestamps(v.version, c.last) > 0) c.last = v.version;
      }
      const items = scanned.map((s) => {
        const row = s.row;
        if (row === undefined) return s;
        // a copy with one version is both its first and its last: its versions are not looked up
        const only = (row.versionCount ?? 1) <= 1;
        const c = only || !(first || last) ? undefined : chosen.get(`${row.stixId} ${row.authorOrgId}`);
        const keep =
          (first && (only || c?.first === row.version)) ||
          (last && (only || c?.last === row.version)) ||
          at.some((t) => row.version !== '' && compareTimestamps(row.version, t) === 0);
        return keep ? s : { position: s.position };
      });
      return { items, walked };
    };
  }

  private async recordReads(principal: Principal, returned: { row: StoredRow; decision: Decision }[]): Promise<void> {
    const reads = returned.map(({ row, decision }) => ({
      item: { kind: 'stix' as const, id: row.stixId, tlp: row.tlp ?? 'unmarked', authorOrgId: row.authorOrgId },
      decision,
    }));
    for (let start = 0; start < reads.length; start += AUDIT_SLICE) await this.audit.recordReads(principal, reads.slice(start, start + AUDIT_SLICE), 'taxii');
  }
}

const STIX_ID = /^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function checkedId(objectId: string): string {
  if (!STIX_ID.test(objectId)) throw taxiiErrors.notFound(`${objectId} is not a STIX identifier; no object has it.`);
  return objectId;
}
