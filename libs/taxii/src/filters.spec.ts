import { randomBytes } from 'node:crypto';
import { CursorSeal } from '@isac/cursors';
import { TaxiiCursors } from './taxii-cursors.service.js';
import { parseFilter, type FilterOptions } from './filters.js';
import { TaxiiError } from './taxii-error.js';

const objects: FilterOptions = { defaultLimit: 100, maxLimit: 1000, allow: ['id', 'type', 'version', 'spec_version'] };
const ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const cursors = new TaxiiCursors(new CursorSeal(randomBytes(32)));
const openNext = (next: string) => cursors.decode(next);

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    return (e as TaxiiError).status;
  }
  return 0;
}

describe('TAXII filters (§3.4, §3.5)', () => {
  it('defaults: latest version, default limit', () => {
    expect(parseFilter({}, objects, openNext)).toEqual({ limit: 100, versions: [{ kind: 'last' }] });
  });

  it('reads every filter, flat or nested, comma-separated values OR-ed', () => {
    const f = parseFilter(
      { added_after: '2026-01-01T00:00:00.123456Z', limit: '5', 'match[id]': `${ID},${ID}`, match: { type: 'indicator,malware' }, 'match[version]': 'first,2026-01-01T00:00:00.000Z', 'match[spec_version]': '2.1' },
      objects,
      openNext,
    );
    expect(f).toEqual({
      addedAfter: '2026-01-01T00:00:00.123456Z',
      limit: 5,
      ids: [ID, ID],
      types: ['indicator', 'malware'],
      versions: [{ kind: 'first' }, { kind: 'at', timestamp: '2026-01-01T00:00:00.000Z' }],
      specVersions: ['2.1'],
    });
  });

  it('caps limit at the server maximum', () => {
    expect(parseFilter({ limit: '50000' }, objects, openNext).limit).toBe(1000);
  });

  it.each([
    [{ limit: '0' }],
    [{ limit: 'ten' }],
    [{ added_after: 'yesterday' }],
    [{ 'match[version]': 'newest' }],
    [{ 'match[id]': 'not-an-id' }],
    [{ 'match[type]': 'Bad Type' }],
    [{ 'match[spec_version]': 'two' }],
    [{ 'match[colour]': 'red' }],
    [{ next: 'garbage' }],
  ])('400 for %j', (query) => {
    expect(status(() => parseFilter(query, objects, openNext))).toBe(400);
  });

  it('refuses filters an endpoint does not take (§5.8 versions: no match[version])', () => {
    expect(status(() => parseFilter({ 'match[version]': 'all' }, { ...objects, allow: ['spec_version'] }, openNext))).toBe(400);
  });

  it('§5.7 delete takes match[version] and match[spec_version] only: added_after, limit and next are refused', () => {
    const del: FilterOptions = { ...objects, allow: ['version', 'spec_version'], paged: false };
    for (const query of [{ added_after: '2026-01-01T00:00:00Z' }, { limit: '5' }, { next: 'x' }]) expect(status(() => parseFilter(query, del, openNext))).toBe(400);
    expect(parseFilter({ 'match[version]': 'all', 'match[spec_version]': '2.1' }, del, openNext)).toEqual({ limit: 100, versions: [{ kind: 'all' }], specVersions: ['2.1'] });
  });

  it('next round-trips sealed; one not sealed by this hub is a 400', () => {
    const cursor = { dateAdded: '2026-11-24T00:49:05.123456Z', stixId: ID, version: '2026-01-01T00:00:00.000Z', ownerOrgId: '5f0e3c2a-6b1d-4c1e-9a7b-2d3c4e5f6a7b' };
    expect(cursors.decode(cursors.encode(cursor))).toEqual(cursor);
    expect(parseFilter({ next: cursors.encode(cursor) }, objects, openNext).next).toEqual(cursor);
    expect(Buffer.from(cursors.encode(cursor), 'base64url').toString('latin1')).not.toContain(ID);
    const plain = Buffer.from(JSON.stringify([cursor.dateAdded, cursor.stixId, cursor.version, cursor.ownerOrgId])).toString('base64url');
    const foreign = new TaxiiCursors(new CursorSeal(randomBytes(32))).encode(cursor);
    for (const next of [plain, foreign, 'x']) expect(status(() => parseFilter({ next }, objects, openNext))).toBe(400);
  });
});
