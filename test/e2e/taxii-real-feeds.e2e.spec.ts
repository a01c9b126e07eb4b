// Real-world STIX through TAXII, unchanged: MITRE ATT&CK for ICS (../shared/data) pushed as a
// client would, in envelopes of at most 500 objects. Every object of ATT&CK carries MITRE's
// statement marking and no TLP; the marking definition and MITRE's identity come last in the file.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectionId } from '@isac/taxii';
import { basic } from '../factories/bearer.js';
import { envelope, TAXII, taxiiHeaders } from '../factories/taxii.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const ROOT = '/taxii2/api';
const MITRE_MARKING = 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168';
type StixObject = Record<string, unknown>;

/** A deterministic shuffle (the suite must fail the same way twice). */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('real feeds over TAXII: ATT&CK for ICS unchanged', () => {
  let hub: AdvisoryHub;
  let attack: StixObject[];
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startAdvisoryHub({ env: { TAXII_PENDING_WAIT_MS: '5000' } });
    for (const slug of ['energy', 'litware', 'health', 'centre', 'telecom']) keys[slug] = await hub.key(slug, ['reporter', 'analyst']);
    attack = JSON.parse(await readFile(path.resolve(process.cwd(), '../shared/data/mitre-attack-ics.json'), 'utf8')).objects;
  });
  afterAll(() => hub.close());

  const get = (p: string, key?: string) => hub.http.get(p).set(taxiiHeaders(key ? basic(key) : {}));

  /** Posts the objects in envelopes of 500 in the order given; waits until every status is complete. */
  async function pushAll(slug: string, collection: string, objects: StixObject[]) {
    const ids: string[] = [];
    for (let at = 0; at < objects.length; at += 500) {
      const res = await hub.http
        .post(`${ROOT}/collections/${collectionId(collection)}/objects/`)
        .set({ ...taxiiHeaders(basic(keys[slug])), 'Content-Type': TAXII })
        .send(JSON.stringify(envelope(objects.slice(at, at + 500))));
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const statuses: { status: string; success_count: number; failure_count: number; pending_count: number; failures?: unknown[] }[] = [];
    await hub.until(
      'every status complete',
      async () => {
        statuses.length = 0;
        for (const id of ids) statuses.push((await get(`${ROOT}/status/${id}/`, keys[slug])).body);
        return statuses.every((s) => s.status === 'complete');
      },
      60_000,
    );
    return statuses;
  }

  async function readAll(collection: string, key: string): Promise<StixObject[]> {
    const seen: StixObject[] = [];
    let next: string | undefined;
    do {
      const res = await get(`${ROOT}/collections/${collectionId(collection)}/objects/?limit=1000${next ? `&next=${next}` : ''}`, key);
      if (res.status !== 200) return [];
      seen.push(...(res.body.objects ?? []));
      next = res.body.more ? res.body.next : undefined;
    } while (next);
    return seen;
  }

  it.each([
    ['in file order', 'energy', (o: StixObject[]) => o],
    ['shuffled', 'telecom', (o: StixObject[]) => shuffled(o)],
  ])('pushed %s: every object stored, readable by the collection\'s audience only, the marking definition once', async (_order, sector, order) => {
    const statuses = await pushAll(sector, sector, order(attack));
    expect(statuses.reduce((n, s) => n + s.success_count, 0)).toBe(attack.length);
    expect(statuses.reduce((n, s) => n + s.failure_count, 0)).toBe(0);
    // the sector unit reads all of it (objects without TLP took the collection's default, TLP:AMBER)
    const ids = new Set((await readAll(sector, keys[sector])).map((o) => o.id));
    expect(attack.filter((o) => !ids.has(o.id as string)).map((o) => o.id)).toEqual([]);
    // nobody outside the sector: another sector unit may not read the collection, the public feed holds none of it
    expect(await readAll(sector, keys.health)).toEqual([]);
    const pub = new Set((await readAll('public', keys.health)).map((o) => o.id));
    expect(attack.filter((o) => o.type !== 'marking-definition' && pub.has(o.id as string))).toEqual([]);
    // stored unchanged: one object compared byte for byte
    const [{ text }] = await hub.db.query(`SELECT object::text AS text FROM stix_objects WHERE stix_id = $1 LIMIT 1`, [attack[0].id]);
    expect(text).toBe(JSON.stringify(attack[0]));
    // MITRE's marking definition: held once for everyone, whoever pushed it
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM stix_objects WHERE stix_id = $1`, [MITRE_MARKING]);
    expect(n).toBe(1);
  });

  it('an object referring to a marking definition nobody brings fails after the bounded wait, with the reason', async () => {
    const lone = { ...attack.find((o) => o.type === 'attack-pattern')!, id: `attack-pattern--${randomUUID()}`, object_marking_refs: ['marking-definition--4f2cb1a0-6d4e-4f55-9a7c-3d2b1e0f9a88'] };
    const started = Date.now();
    const statuses = await pushAll('energy', 'energy', [lone]);
    expect(statuses[0].failure_count).toBe(1);
    expect(JSON.stringify(statuses[0].failures)).toMatch(/STIX.UNKNOWN_MARKING.*no envelope brought it within 5000 ms/);
    // pending meanwhile, not failed at once
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
  });

  it('objects waiting for a marking definition complete when a later envelope of the same organisation brings it', async () => {
    const marking = { type: 'marking-definition', spec_version: '2.1', id: `marking-definition--${randomUUID()}`, created: '2026-03-01T00:00:00.000Z', definition_type: 'statement', definition: { statement: 'Copyright Example CSIRT' } };
    const marked = { ...attack.find((o) => o.type === 'malware')!, id: `malware--${randomUUID()}`, object_marking_refs: [marking.id] };
    const first = await hub.http
      .post(`${ROOT}/collections/${collectionId('energy')}/objects/`)
      .set({ ...taxiiHeaders(basic(keys.energy)), 'Content-Type': TAXII })
      .send(JSON.stringify(envelope([marked])));
    await hub.until('the first envelope waits', async () => (await get(`${ROOT}/status/${first.body.id}/`, keys.energy)).body.pending_count === 1 && (await hub.db.query(`SELECT 1 FROM taxii_status WHERE id = $1 AND pendings::text LIKE '%UNKNOWN_MARKING%'`, [first.body.id])).length === 1);
    const statuses = await pushAll('energy', 'energy', [marking]);
    expect(statuses[0].success_count).toBe(1);
    await hub.until('the waiting object stored', async () => (await get(`${ROOT}/status/${first.body.id}/`, keys.energy)).body.status === 'complete');
    const status = (await get(`${ROOT}/status/${first.body.id}/`, keys.energy)).body;
    expect([status.success_count, status.failure_count]).toEqual([1, 0]);
  });
});

describe("a collection's default marking from the network file", () => {
  let hub: AdvisoryHub;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'isac-network-'));
    const network = (await readFile(path.resolve(process.cwd(), 'config/network.yaml'), 'utf8')).replace(/\ntaxii:[\s\S]*$/, '\n');
    await writeFile(path.join(dir, 'network.yaml'), `${network}taxii:\n  defaultMarkings:\n    energy: TLP:GREEN\n`);
    hub = await startAdvisoryHub({ env: { NETWORK_FILE: path.join(dir, 'network.yaml') } });
  });
  afterAll(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an unmarked object pushed into energy takes TLP:GREEN, as configured, and its status says so', async () => {
    const key = await hub.key('energy', ['analyst']);
    const object = { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2026-03-01T00:00:00.000Z', modified: '2026-03-01T00:00:00.000Z', name: 'Unmarked', is_family: true };
    const res = await hub.http.post(`${ROOT}/collections/${collectionId('energy')}/objects/`).set({ ...taxiiHeaders(basic(key)), 'Content-Type': TAXII }).send(JSON.stringify(envelope([object])));
    let status = res.body;
    await hub.until('complete', async () => (status = (await hub.http.get(`${ROOT}/status/${res.body.id}/`).set(taxiiHeaders(basic(key)))).body).status === 'complete');
    expect(status.successes[0].message).toMatch(/default marking TLP:GREEN/);
    const [{ tlp }] = await hub.db.query(`SELECT tlp FROM stix_objects WHERE stix_id = $1`, [object.id]);
    expect(tlp).toBe('TLP:GREEN');
  });
});
