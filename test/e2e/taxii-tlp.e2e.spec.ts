// The TLP matrix through TAXII (DESIGN §2): a TAXII client sees exactly what its organisation may
// read through the REST API (the same canRead), no more — per marking and relation to the author.
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService } from '@isac/stix-store';
import type { TlpLabel } from '@isac/stix';
import { collectionId } from '@isac/taxii';
import { DataSource } from 'typeorm';
import { basic } from '../factories/bearer.js';
import { indicator, taxiiHeaders } from '../factories/taxii.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const LABELS: TlpLabel[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const ROOT = '/taxii2/api/collections';

describe('TLP matrix through TAXII', () => {
  let hub: ApiHarness;
  const idsByLabel = new Map<string, TlpLabel>();

  beforeAll(async () => {
    hub = await startApi();
    const network = await hub.app.get(NetworkDirectory).network();
    const objects = LABELS.map((label) => {
      const o = indicator(label);
      idsByLabel.set(o.id as string, label);
      return o;
    });
    // authored by the member adatum, addressed to its sector unit (as an incident would be)
    await hub.app.get(StixStoreService).store(objects, { authorOrgId: network.bySlug('adatum')!.id, recipientOrgIds: [network.bySlug('energy')!.id], tlp: undefined });
  });
  afterAll(() => hub.close());

  async function labelsSeen(collection: string, auth: Record<string, string>) {
    const res = await hub.http.get(`${ROOT}/${collectionId(collection)}/objects/?limit=1000`).set(taxiiHeaders(auth));
    expect(res.status).toBe(200);
    const labels = (res.body.objects ?? []).map((o: { id: string }) => idsByLabel.get(o.id)).filter(Boolean);
    const manifest = await hub.http.get(`${ROOT}/${collectionId(collection)}/manifest/?limit=1000`).set(taxiiHeaders(auth));
    // the manifest reveals no more than the objects do
    expect((manifest.body.objects ?? []).map((r: { id: string }) => idsByLabel.get(r.id)).filter(Boolean)).toEqual(labels);
    // one submission shares one date_added: the order within it is by id, so compare in the labels' order
    return LABELS.filter((l) => labels.includes(l));
  }

  it.each([
    ['adatum', 'the author', ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']],
    ['energy', 'the named recipient', ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']],
    ['litware', "a member of the named recipient (AMBER reaches a unit's clients)", ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER']],
    ['centre', 'the centre, not a recipient', ['TLP:CLEAR', 'TLP:GREEN']],
  ])('%s (%s) reads exactly %j in the energy collection', async (slug, _relation, expected) => {
    const key = await hub.key(slug, ['analyst']);
    expect(await labelsSeen('energy', basic(key))).toEqual(expected);
    // the same as the REST reads of the store (StixStoreService.readCurrent) give the organisation
    const principal = (await hub.app.get<PrincipalResolver>(PRINCIPAL_RESOLVER).resolve(key))!;
    const rest = await hub.app.get(StixStoreService).readCurrent([...idsByLabel.keys()], (await hub.app.get(NetworkDirectory).network()).bySlug('adatum')!.id, principal);
    expect(LABELS.filter((l) => rest.some((r) => idsByLabel.get(r.object.id as string) === l))).toEqual(expected);
  });

  it('another sector may not read the energy collection at all (403), and sees only TLP:CLEAR in public', async () => {
    const key = await hub.key('health', ['analyst']);
    const res = await hub.http.get(`${ROOT}/${collectionId('energy')}/objects/`).set(taxiiHeaders(basic(key)));
    expect(res.status).toBe(403);
    expect(await labelsSeen('public', basic(key))).toEqual(['TLP:CLEAR']);
  });

  it('without credentials: TLP:CLEAR in the public collection only', async () => {
    expect(await labelsSeen('public', {})).toEqual(['TLP:CLEAR']);
  });

  it('object by id: a hidden object is 404, not 403 (its existence is not revealed)', async () => {
    const red = [...idsByLabel].find(([, l]) => l === 'TLP:RED')![0];
    const key = await hub.key('litware', ['analyst']);
    const res = await hub.http.get(`${ROOT}/${collectionId('energy')}/objects/${red}/`).set(taxiiHeaders(basic(key)));
    expect(res.status).toBe(404);
    expect((await hub.http.get(`${ROOT}/${collectionId('energy')}/objects/${red}/versions/`).set(taxiiHeaders(basic(key)))).status).toBe(404);
  });

  it('reads of AMBER and stricter by another organisation are audited on the taxii channel', async () => {
    const key = await hub.key('energy', ['analyst']);
    await labelsSeen('energy', basic(key));
    const rows: { tlp: string }[] = await hub.app.get(DataSource).query(
      `SELECT a.tlp FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE a.channel = 'taxii' AND o.slug = 'energy'`,
    );
    expect(new Set(rows.map((r) => r.tlp))).toEqual(new Set(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']));
  });

  it('manifest and versions reads are audited as the objects reads are: AMBER and stricter, by another organisation', async () => {
    const key = await hub.key('energy', ['analyst']);
    const db = hub.app.get(DataSource);
    const audited = async () => {
      const rows: { item_id: string; n: string }[] = await db.query(
        `SELECT a.item_id, count(*) AS n FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id
         WHERE a.channel = 'taxii' AND o.slug = 'energy' GROUP BY a.item_id`,
      );
      return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
    };
    const grown = (before: Map<string, number>, after: Map<string, number>) =>
      LABELS.filter((label) => [...idsByLabel].some(([id, l]) => l === label && (after.get(id) ?? 0) > (before.get(id) ?? 0)));
    const energy = `${ROOT}/${collectionId('energy')}`;

    const beforeManifest = await audited();
    const manifest = await hub.http.get(`${energy}/manifest/?limit=1000`).set(taxiiHeaders(basic(key)));
    expect(manifest.status).toBe(200);
    expect(grown(beforeManifest, await audited())).toEqual(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);

    for (const label of LABELS) {
      const id = [...idsByLabel].find(([, l]) => l === label)![0];
      const before = await audited();
      const versions = await hub.http.get(`${energy}/objects/${id}/versions/`).set(taxiiHeaders(basic(key)));
      expect(versions.status).toBe(200);
      expect(grown(before, await audited())).toEqual(['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'].includes(label) ? [label] : []);
    }
  });

  it('the author reading its own objects through the manifest is not audited', async () => {
    const key = await hub.key('adatum', ['analyst']);
    await hub.http.get(`${ROOT}/${collectionId('energy')}/manifest/?limit=1000`).set(taxiiHeaders(basic(key)));
    const rows: unknown[] = await hub.app.get(DataSource).query(
      `SELECT 1 FROM audit_log a JOIN organisations o ON o.id = a.reader_org_id WHERE a.channel = 'taxii' AND o.slug = 'adatum'`,
    );
    expect(rows).toEqual([]);
  });
});
