// TAXII 2.1 §3.4 "Filtering" and §3.5 "Pagination": the URL parameters of objects, manifest,
// object and versions requests, parsed and checked before anything is read.
import { taxiiErrors } from './taxii-error.js';
import type { Cursor } from './cursor.js';

/** §3.4.1: `match[version]` is `first`, `last`, `all` or version timestamps, OR-ed. */
export type VersionSelector = { kind: 'first' } | { kind: 'last' } | { kind: 'all' } | { kind: 'at'; timestamp: string };

export interface TaxiiFilter {
  /** §3.4.2: strictly after this date_added (RFC 3339, kept as text for microsecond precision). */
  addedAfter?: string;
  limit: number;
  next?: Cursor;
  ids?: string[];
  types?: string[];
  versions: VersionSelector[];
  specVersions?: string[];
}

export interface FilterOptions {
  /** the page size when the client gives none */
  defaultLimit: number;
  /** §3.4 `limit`: a server may cap it; a larger value is answered with at most this many */
  maxLimit: number;
  /** which `match[...]` fields the endpoint takes (§5.3/§5.4, §5.6, §5.7, §5.8 differ) */
  allow: ('id' | 'type' | 'version' | 'spec_version')[];
  /** false for §5.7 delete, which takes no added_after, limit or next: they are refused, not ignored */
  paged?: boolean;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const STIX_ID = /^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const STIX_TYPE = /^([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])$/;
const SPEC_VERSION = /^\d+\.\d+$/;

type Query = Record<string, unknown>;

/** Express parses `match[id]=a` either as the key `match[id]` or as `match: { id }`; both are read. */
function matchValue(query: Query, field: string): string | undefined {
  const flat = query[`match[${field}]`];
  const nested = typeof query.match === 'object' && query.match !== null ? (query.match as Record<string, unknown>)[field] : undefined;
  const value = flat ?? nested;
  if (value === undefined) return undefined;
  // §3.4: several values are given comma-separated; a repeated parameter is read the same way
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function list(value: string, field: string, pattern: RegExp, what: string): string[] {
  const items = value.split(',').map((v) => v.trim());
  const bad = items.filter((v) => !pattern.test(v));
  if (bad.length > 0 || items.length === 0) {
    throw taxiiErrors.badRequest(`match[${field}] must be a comma-separated list of ${what}; "${bad[0] ?? value}" is not one.`, {
      parameter: `match[${field}]`,
    });
  }
  return items;
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw taxiiErrors.badRequest(`${name} may be given once.`, { parameter: name });
  return value;
}

function parseLimit(value: string | undefined, options: FilterOptions): number {
  if (value === undefined) return options.defaultLimit;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw taxiiErrors.badRequest(`limit must be a positive integer, not "${value}".`, { parameter: 'limit' });
  return Math.min(Number(value), options.maxLimit);
}

function parseVersions(value: string | undefined): VersionSelector[] {
  // §3.4.1: without match[version] only the latest version of each object is returned
  if (value === undefined) return [{ kind: 'last' }];
  return value.split(',').map((item) => {
    const v = item.trim();
    if (v === 'first' || v === 'last' || v === 'all') return { kind: v };
    if (TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v))) return { kind: 'at', timestamp: v };
    throw taxiiErrors.badRequest(`match[version] takes first, last, all or RFC 3339 timestamps, not "${v}".`, { parameter: 'match[version]' });
  });
}

/** Reads the filters of one request; a bad value is a 400 TAXII error naming the parameter. `openNext` opens a `next` (TaxiiCursors.decode). */
export function parseFilter(query: Query, options: FilterOptions, openNext: (next: string) => Cursor): TaxiiFilter {
  const known = new Set(['added_after', 'limit', 'next', 'match', ...options.allow.map((f) => `match[${f}]`)]);
  if (options.paged === false) {
    const paging = ['added_after', 'limit', 'next'].find((name) => query[name] !== undefined);
    if (paging !== undefined)
      throw taxiiErrors.badRequest(`${paging} is not a parameter of this endpoint (it takes match[version] and match[spec_version]).`, { parameter: paging });
  }
  for (const key of Object.keys(query)) {
    if (key.startsWith('match[') && !known.has(key)) throw taxiiErrors.badRequest(`${key} is not a filter of this endpoint.`, { parameter: key });
  }
  if (typeof query.match === 'object' && query.match !== null) {
    for (const field of Object.keys(query.match)) {
      if (!options.allow.includes(field as never))
        throw taxiiErrors.badRequest(`match[${field}] is not a filter of this endpoint.`, { parameter: `match[${field}]` });
    }
  }
  const addedAfter = single(query, 'added_after');
  if (addedAfter !== undefined && (!TIMESTAMP.test(addedAfter) || Number.isNaN(Date.parse(addedAfter)))) {
    throw taxiiErrors.badRequest(`added_after must be an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00.000Z, not "${addedAfter}".`, {
      parameter: 'added_after',
    });
  }
  const next = single(query, 'next');
  const ids = matchValue(query, 'id');
  const types = matchValue(query, 'type');
  const specVersions = matchValue(query, 'spec_version');
  return {
    ...(addedAfter === undefined ? {} : { addedAfter }),
    limit: parseLimit(single(query, 'limit'), options),
    ...(next === undefined ? {} : { next: openNext(next) }),
    ...(ids === undefined ? {} : { ids: list(ids, 'id', STIX_ID, 'STIX identifiers') }),
    ...(types === undefined ? {} : { types: list(types, 'type', STIX_TYPE, 'STIX types') }),
    versions: options.allow.includes('version') ? parseVersions(matchValue(query, 'version')) : [{ kind: 'all' }],
    ...(specVersions === undefined ? {} : { specVersions: list(specVersions, 'spec_version', SPEC_VERSION, 'spec versions such as 2.1') }),
  };
}
