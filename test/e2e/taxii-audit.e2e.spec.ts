// DESIGN §2: every read of an AMBER, AMBER+STRICT or RED item by another organisation is written
// to the append-only audit log — through TAXII also when it comes as manifest records or versions
// (they reveal ids, versions and dates), each page in one write, on the `taxii` channel.
import { randomUUID } from 'node:crypto';
import { ApiKeysService, NetworkDirectory } from '@isac/organisations';
import type { TlpLabel } from '@isac/stix';
import { StixStoreService } from '@isac/stix-store';
import { collectionId } from '@isac/taxii';
import { DataSource } from 'typeorm';
import { basic } from '../factories/bearer.js';
import { indicator, taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const LABELS: TlpLabel[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const AUDITED = new Set<string>(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
const ENERGY = `/taxii2/api/collections/${collectionId('energy')}`;

interface AuditRow {
  at: string;
  reader_org_id: string;
  reader_key_prefix: string;
  item_kind: string;
  item_id: string;
  tlp: string;
  author_org_id: string;
  channel: string;
}

describe('TAXII manifest and versions reads in the audit log', () => {
  let hub: ApiHarness;
  let db: DataSource;
  let adatumId: string;
  /** the objects' labels by id: two of each marking, authored by adatum, addressed to the energy unit */
  const labelOf = new Map<string, TlpLabel>();
  /** a TLP:AMBER indicator and a TLP:GREEN one, in three versions each */
  let amber: string;
  let green: string;
  const DAYS = ['2026-02-01T10:00:00.000Z', '2026-02-02T10:00:00.000Z', '2026-02-03T10:00:00.000Z'];

  beforeAll(async () => {
    hub = await startApi();
    db = hub.app.get(DataSource);
    const network = await hub.app.get(NetworkDirectory).network();
    adatumId = network.bySlug('adatum')!.id;
    const objects = [...LABELS, ...LABELS].map((label) => {
      const o = indicator(label);
      labelOf.set(o.id as string, label);
      return o;
    });
    [amber, green] = [`indicator--${randomUUID()}`, `indicator--${randomUUID()}`];
    const versions = DAYS.flatMap((modified) => [indicator('TLP:AMBER', { id: amber, created: DAYS[0], modified }), indicator('TLP:GREEN', { id: green, created: DAYS[0], modified })]);
    await hub.app.get(StixStoreService).store([...objects, ...versions], { authorOrgId: adatumId, recipientOrgIds: [network.bySlug('energy')!.id], tlp: undefined });
  });
  afterAll(() => hub.close());

  const lastId = async (): Promise<string> => (await db.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`))[0].id;
  const writtenSince = (id: string): Promise<AuditRow[]> =>
    db.query(
      `SELECT at::text AS at, reader_org_id, reader_key_prefix, item_kind, item_id, tlp, author_org_id, channel FROM audit_log WHERE id > $1 ORDER BY id`,
      [id],
    );
  const reader = async (key: string) => (await hub.app.get(ApiKeysService).resolve(key))!;
  /** the row the audit log holds for one read of `itemId` by the key's organisation */
  const entry = (principal: { organisation: { id: string }; keyPrefix: string }, itemId: string, tlp: string) => ({
    reader_org_id: principal.organisation.id,
    reader_key_prefix: principal.keyPrefix,
    item_kind: 'stix',
    item_id: itemId,
    tlp,
    author_org_id: adatumId,
    channel: 'taxii',
  });
  const withoutAt = (rows: AuditRow[]) => rows.map(({ at: _at, ...row }) => row);
  const instants = (rows: AuditRow[]) => new Set(rows.map((r) => r.at)).size;

  it('a manifest walked page by page: each page writes exactly its AMBER and stricter records, in one write', async () => {
    const key = await hub.key('energy', ['analyst']);
    const principal = await reader(key);
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const before = await lastId();
      const res = await hub.http.get(`${ENERGY}/manifest/?limit=3${next ? `&next=${next}` : ''}`).set(taxiiHeaders(basic(key)));
      expect(res.status).toBe(200);
      const records: { id: string }[] = res.body.objects ?? [];
      const written = await writtenSince(before);
      // one entry per record of an audited marking, in the page's order
      const expected = records.flatMap((r) => {
        const tlp = r.id === amber ? 'TLP:AMBER' : labelOf.get(r.id);
        return tlp !== undefined && AUDITED.has(tlp) ? [entry(principal, r.id, tlp)] : [];
      });
      expect(withoutAt(written)).toEqual(expected);
      if (written.length > 0) expect(instants(written)).toBe(1);
      seen.push(...records.map((r) => r.id));
      next = res.body.more ? res.body.next : undefined;
      pages += 1;
    } while (next !== undefined);
    expect(pages).toBeGreaterThan(2);
    // every object of the collection was listed once: its current version (the manifest's default match[version]=last)
    expect([...seen].sort()).toEqual([...labelOf.keys(), amber, green].sort());
  });

  it('versions of an AMBER object: one entry per version returned, in one write; of a GREEN one: none', async () => {
    const key = await hub.key('energy', ['analyst']);
    const principal = await reader(key);
    const before = await lastId();
    const res = await hub.http.get(`${ENERGY}/objects/${amber}/versions/`).set(taxiiHeaders(basic(key)));
    expect(res.body.versions).toEqual(DAYS);
    const written = await writtenSince(before);
    expect(withoutAt(written)).toEqual(DAYS.map(() => entry(principal, amber, 'TLP:AMBER')));
    expect(instants(written)).toBe(1);

    const beforeGreen = await lastId();
    const greenVersions = await hub.http.get(`${ENERGY}/objects/${green}/versions/`).set(taxiiHeaders(basic(key)));
    expect(greenVersions.body.versions).toEqual(DAYS);
    expect(await writtenSince(beforeGreen)).toEqual([]);
  });

  it('versions paged with limit: each page writes its own versions', async () => {
    const key = await hub.key('energy', ['analyst']);
    const principal = await reader(key);
    const before = await lastId();
    const first = await hub.http.get(`${ENERGY}/objects/${amber}/versions/?limit=2`).set(taxiiHeaders(basic(key)));
    expect([first.body.versions, first.body.more]).toEqual([DAYS.slice(0, 2), true]);
    expect(withoutAt(await writtenSince(before))).toEqual([entry(principal, amber, 'TLP:AMBER'), entry(principal, amber, 'TLP:AMBER')]);
    const middle = await lastId();
    const second = await hub.http.get(`${ENERGY}/objects/${amber}/versions/?limit=2&next=${first.body.next}`).set(taxiiHeaders(basic(key)));
    expect([second.body.versions, second.body.more]).toEqual([DAYS.slice(2), false]);
    expect(withoutAt(await writtenSince(middle))).toEqual([entry(principal, amber, 'TLP:AMBER')]);
  });

  it("the author's own reads, and reads that return nothing audited, write nothing", async () => {
    const before = await lastId();
    const author = await hub.key('adatum', ['analyst']);
    expect((await hub.http.get(`${ENERGY}/manifest/?limit=1000`).set(taxiiHeaders(basic(author)))).body.objects).toHaveLength(labelOf.size + 2);
    expect((await hub.http.get(`${ENERGY}/objects/${amber}/versions/`).set(taxiiHeaders(basic(author)))).body.versions).toEqual(DAYS);
    // the centre reads the energy collection but not its AMBER and stricter objects: nothing to audit
    const centre = await hub.key('centre', ['analyst']);
    const manifest = await hub.http.get(`${ENERGY}/manifest/?limit=1000`).set(taxiiHeaders(basic(centre)));
    expect(manifest.body.objects.map((r: { id: string }) => labelOf.get(r.id) ?? (r.id === green ? 'TLP:GREEN' : r.id)).sort()).toEqual(['TLP:CLEAR', 'TLP:CLEAR', 'TLP:GREEN', 'TLP:GREEN', 'TLP:GREEN']);
    expect((await hub.http.get(`${ENERGY}/objects/${amber}/versions/`).set(taxiiHeaders(basic(centre)))).status).toBe(404);
    expect(await writtenSince(before)).toEqual([]);
  });
});
