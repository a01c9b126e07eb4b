import { randomUUID } from 'node:crypto';
import { StixObjectPagesRepository, type ScannedBatch, type StoredVersionPosition, type StoredVersionScan } from '@isac/stix-store';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

// The store's walk in date_added order (what TAXII pages are made of), on PostgreSQL: the rows in the
// scope with their fields, the last row walked once (alone when it is not in the scope), and how many
// were walked — including at the end of the rows, where fewer are left than asked.
describe('the STIX store walk in date_added order', () => {
  let hub: IncidentsHarness;
  let pages: StixObjectPagesRepository;
  let inScope: string;
  let outOfScope: string;
  /** the rows in date_added order; `member` when authored by the scope's organisation */
  const walk: { id: string; member: boolean }[] = [];

  beforeAll(async () => {
    hub = await startIncidents();
    pages = hub.module.get(StixObjectPagesRepository);
    inScope = hub.network.bySlug('energy')!.id;
    outOfScope = hub.network.bySlug('telecom')!.id;
    // the suite's own database: only these rows, one second apart, in the scope at 2, 5, 6, 10 (1-based)
    await hub.db.query('DELETE FROM stix_objects');
    const members = new Set([2, 5, 6, 10]);
    for (let i = 1; i <= 11; i++) {
      const id = `tool--${randomUUID()}`;
      walk.push({ id, member: members.has(i) });
      const object = { type: 'tool', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: `tool ${i}` };
      await hub.db.query(
        `INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, tlp, recipient_org_ids, object, stored_at)
         VALUES ($1, $2, $3, 'tool', $4, 'TLP:GREEN', '{}', $5, $6)`,
        [
          id,
          object.modified,
          object.modified,
          members.has(i) ? inScope : outOfScope,
          JSON.stringify(object),
          `2026-01-01T00:00:${String(i).padStart(2, '0')}.000001Z`,
        ],
      );
    }
  });
  afterAll(() => hub.close());

  const scan = (): StoredVersionScan => ({ scope: { kind: 'authored-by', orgIds: [inScope] }, versions: [{ kind: 'all' }], withObjects: true });
  /** what a batch holds: the 1-based place of each item in the walk, `+` when it carries its row */
  const shape = (batch: ScannedBatch) => ({
    items: batch.items.map((item) => `${walk.findIndex((w) => w.id === item.position.stixId) + 1}${item.row ? '+' : ''}`),
    walked: batch.walked,
  });
  let positions: StoredVersionPosition[] = [];
  const after = (place: number) => positions[place - 1];

  it('walks the rows asked for: those in the scope with their rows, the last one once', async () => {
    const all = await pages.scanAfter(scan(), undefined, 11);
    expect(shape(all)).toEqual({ items: ['2+', '5+', '6+', '10+', '11'], walked: 11 });
    expect(all.items[0].row).toMatchObject({
      stixId: walk[1].id,
      authorOrgId: inScope,
      tlp: 'TLP:GREEN',
      recipientOrgIds: [],
      dateAdded: '2026-01-01T00:00:02.000001Z',
    });
    expect(JSON.parse(all.items[0].row!.objectJson!)).toMatchObject({ id: walk[1].id, name: 'tool 2' });
    // every position, from a walk of one row at a time
    positions = [];
    let at: StoredVersionPosition | undefined;
    for (;;) {
      const one = await pages.scanAfter(scan(), at, 1);
      if (one.walked === 0) break;
      expect(one.items).toHaveLength(1);
      at = one.items[0].position;
      positions.push(at);
    }
    expect(positions.map((p) => p.stixId)).toEqual(walk.map((w) => w.id));
  });

  it('a last row walked in the scope comes once, with its row', async () => {
    expect(shape(await pages.scanAfter(scan(), undefined, 6))).toEqual({ items: ['2+', '5+', '6+'], walked: 6 });
  });

  it('a last row walked outside the scope comes as its position alone', async () => {
    expect(shape(await pages.scanAfter(scan(), after(6), 3))).toEqual({ items: ['9'], walked: 3 });
    expect(shape(await pages.scanAfter(scan(), after(6), 2))).toEqual({ items: ['8'], walked: 2 });
  });

  it('fewer rows left than asked: those left, counted, the last one in the scope or not', async () => {
    expect(shape(await pages.scanAfter(scan(), after(7), 10))).toEqual({ items: ['10+', '11'], walked: 4 });
    expect(shape(await pages.scanAfter(scan(), after(8), 2))).toEqual({ items: ['10+'], walked: 2 });
    expect(shape(await pages.scanAfter(scan(), after(9), 5))).toEqual({ items: ['10+', '11'], walked: 2 });
    expect(shape(await pages.scanAfter(scan(), after(10), 5))).toEqual({ items: ['11'], walked: 1 });
  });

  it('nothing asked: nothing walked', async () => {
    expect(shape(await pages.scanAfter(scan(), undefined, 0))).toEqual({ items: [], walked: 0 });
  });

  it('nothing left: nothing walked', async () => {
    expect(shape(await pages.scanAfter(scan(), after(11), 5))).toEqual({ items: [], walked: 0 });
    expect(shape(await pages.scanAfter({ ...scan(), addedAfter: '2026-01-01T00:00:11.5Z' }, undefined, 5))).toEqual({ items: [], walked: 0 });
  });

  it('added_after and the position together: the walk starts after both', async () => {
    expect(shape(await pages.scanAfter({ ...scan(), addedAfter: '2026-01-01T00:00:04.5Z' }, after(2), 2))).toEqual({ items: ['5+', '6+'], walked: 2 });
    expect(shape(await pages.scanAfter({ ...scan(), addedAfter: '2026-01-01T00:00:01Z' }, after(4), 3))).toEqual({ items: ['5+', '6+', '7'], walked: 3 });
  });

  it('a scope of the rows authored by or addressed to its organisations: any recipient counts, the first or a later one', async () => {
    const health = hub.network.bySlug('health')!.id;
    const addressed: [string, string[]][] = [
      ['none', []],
      ['first', [inScope]],
      ['second', [health, inScope]],
      ['third', [health, outOfScope, inScope]],
      ['others', [health, outOfScope]],
      ['other', [health]],
    ];
    for (const [i, [name, recipients]] of addressed.entries()) {
      const object = {
        type: 'tool',
        spec_version: '2.1',
        id: `tool--${randomUUID()}`,
        created: '2026-01-01T00:00:00.000Z',
        modified: '2026-01-01T00:00:00.000Z',
        name,
      };
      await hub.db.query(
        `INSERT INTO stix_objects (stix_id, version, modified_at, type, author_org_id, tlp, recipient_org_ids, object, stored_at)
         VALUES ($1, $2, $3, 'tool', $4, 'TLP:AMBER', $5, $6, $7)`,
        [object.id, object.modified, object.modified, outOfScope, recipients, JSON.stringify(object), `2026-01-01T00:01:0${i}.000001Z`],
      );
    }
    const sharedWith: StoredVersionScan = { scope: { kind: 'shared-with', orgIds: [inScope] }, versions: [{ kind: 'all' }], withObjects: true };
    const found = await pages.scanAfter({ ...sharedWith, addedAfter: '2026-01-01T00:00:59Z' }, undefined, 100);
    expect(found.walked).toBe(6);
    expect(found.items.filter((item) => item.row).map((item) => JSON.parse(item.row!.objectJson!).name)).toEqual(['first', 'second', 'third']);
    expect(found.items.find((item) => item.row && JSON.parse(item.row.objectJson!).name === 'third')!.row!.recipientOrgIds).toEqual([
      health,
      outOfScope,
      inScope,
    ]);
    // the same rows when the request names their ids (the other shape of the statement)
    const ids = found.items.map((item) => item.position.stixId);
    const named = await pages.scanAfter({ ...sharedWith, ids: [...ids, walk[1].id] }, undefined, 100);
    expect(named.items.map((item) => JSON.parse(item.row!.objectJson!).name)).toEqual(['tool 2', 'first', 'second', 'third']);
  });
});
