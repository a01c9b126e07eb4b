import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { InfrastructureService } from '@isac/infrastructure';
import { bearer } from '../factories/bearer.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// Issue 18: an organisation's analysts change and remove entries of their own register; nobody
// else can, and an entry the caller may not read answers exactly as one that does not exist.
const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const ENTRY = { name: 'Grid control remote access', kind: 'ot', criticality: 'high', products: [IVANTI('22.7r2.3')], dependsOn: ['fabrikam'] };

describe('editing a register', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};
  let strict: string; // litware's, TLP:AMBER+STRICT: the centre and energy may read it, adatum may not
  let green: string; // litware's, TLP:GREEN: everyone may read it

  beforeAll(async () => {
    hub = await startApi();
    for (const org of ['centre', 'energy', 'litware', 'adatum']) keys[org] = await hub.key(org, ['analyst']);
    keys.litwareReporter = await hub.key('litware', ['reporter']);
    strict = (await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send(ENTRY).expect(201)).body.id;
    green = (await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ ...ENTRY, name: 'Public web', kind: 'service', tlp: 'TLP:GREEN' }).expect(201)).body.id;
  });
  afterAll(() => hub.close());
  const db = () => hub.app.get(DataSource);

  const changes = async () =>
    (await db().query(`SELECT change, name, criticality, fields, tlp FROM infrastructure_entry_changes WHERE entry_id = ANY($1) ORDER BY at, id`, [[strict, green]])) as {
      change: string;
      name: string;
      fields: string[];
    }[];

  it('the owner replaces an entry; the change and its fields are recorded', async () => {
    const res = await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litware)).send({ ...ENTRY, criticality: 'critical', dependsOn: ['fabrikam', 'external:Example Cloud'] }).expect(200);
    expect(res.body).toMatchObject({ id: strict, criticality: 'critical', dependsOn: ['fabrikam', 'external:example cloud'], tlp: 'TLP:AMBER+STRICT' });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(res.body.createdAt));
    expect((await changes()).filter((c) => c.name === ENTRY.name)).toEqual([
      expect.objectContaining({ change: 'added', fields: [] }),
      expect.objectContaining({ change: 'changed', criticality: 'critical', fields: ['criticality', 'dependsOn'] }),
    ]);
    // the same entry again changes nothing and records nothing
    await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litware)).send({ ...ENTRY, criticality: 'critical', dependsOn: ['external:example cloud', 'fabrikam'] }).expect(200);
    expect((await changes()).filter((c) => c.name === ENTRY.name)).toHaveLength(2);
  });

  it('a bad replacement is 400 with its pointer and leaves the entry as it was', async () => {
    const res = await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litware)).send({ ...ENTRY, products: ['cpe:2.3:a:ivanti'] }).expect(400);
    expect(res.body).toMatchObject({ code: 'INFRASTRUCTURE.INVALID', errors: [{ pointer: '/products/0', code: 'INFRASTRUCTURE.BAD_CPE' }] });
    const [row] = await db().query(`SELECT criticality FROM infrastructure_entries WHERE id = $1`, [strict]);
    expect(row.criticality).toBe('critical');
  });

  it("another organisation's key that may read the entry cannot change or remove it (403)", async () => {
    for (const org of ['centre', 'energy']) {
      const put = await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys[org])).send({ ...ENTRY, name: 'Hijacked' }).expect(403);
      expect(put.body.code).toBe('INFRASTRUCTURE.FORBIDDEN');
      await hub.http.delete(`/api/v1/infrastructure/${strict}`).set(bearer(keys[org])).expect(403);
    }
    await hub.http.put(`/api/v1/infrastructure/${green}`).set(bearer(keys.adatum)).send(ENTRY).expect(403);
    await hub.http.delete(`/api/v1/infrastructure/${green}`).set(bearer(keys.adatum)).expect(403);
    const [row] = await db().query(`SELECT name FROM infrastructure_entries WHERE id = $1`, [strict]);
    expect(row.name).toBe(ENTRY.name);
  });

  it('an entry the caller may not read answers exactly as a missing one (404)', async () => {
    const unreadable = await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys.adatum)).send(ENTRY).expect(404);
    const missing = await hub.http.put('/api/v1/infrastructure/00000000-0000-4000-8000-000000000000').set(bearer(keys.adatum)).send(ENTRY).expect(404);
    const strip = (body: { detail: string; instance?: string }) => ({ ...body, detail: body.detail.replace(/[0-9a-f-]{36}/, 'ID'), instance: undefined });
    expect(strip(unreadable.body)).toEqual(strip(missing.body));
    const unreadableDelete = await hub.http.delete(`/api/v1/infrastructure/${strict}`).set(bearer(keys.adatum)).expect(404);
    const missingDelete = await hub.http.delete('/api/v1/infrastructure/00000000-0000-4000-8000-000000000000').set(bearer(keys.adatum)).expect(404);
    expect(strip(unreadableDelete.body)).toEqual(strip(missingDelete.body));
    await hub.http.delete('/api/v1/infrastructure/not-a-uuid').set(bearer(keys.litware)).expect(404);
  });

  it('without a key, or without the analyst role, nothing changes', async () => {
    await hub.http.put(`/api/v1/infrastructure/${strict}`).send(ENTRY).expect(401);
    await hub.http.delete(`/api/v1/infrastructure/${strict}`).expect(401);
    await hub.http.put(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litwareReporter)).send(ENTRY).expect(403);
    await hub.http.delete(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litwareReporter)).expect(403);
    const [row] = await db().query(`SELECT count(*)::int AS n FROM infrastructure_entries WHERE id = $1`, [strict]);
    expect(row.n).toBe(1);
  });

  it('an entry removed after the owner\'s check is 404 to its replacement, and nothing is recorded', async () => {
    const id = (await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ ...ENTRY, name: 'Removed meanwhile', tlp: 'TLP:GREEN' }).expect(201)).body.id;
    const entries = hub.app.get(InfrastructureService)['entries'];
    const checked = await entries.findById(id);
    const findById = jest.spyOn(entries, 'findById').mockImplementationOnce(async () => {
      await db().query(`DELETE FROM infrastructure_entries WHERE id = $1`, [id]);
      return checked;
    });
    try {
      const res = await hub.http.put(`/api/v1/infrastructure/${id}`).set(bearer(keys.litware)).send({ ...ENTRY, name: 'Removed meanwhile', criticality: 'low' }).expect(404);
      expect(res.body.code).toBe('INFRASTRUCTURE.NOT_FOUND');
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM infrastructure_entry_changes WHERE entry_id = $1 AND change = 'changed'`, [id]);
      expect(n).toBe(0);
    } finally {
      findById.mockRestore();
    }
  });

  it('a removal records the entry as it is under its lock, and one removed meanwhile is 404', async () => {
    const id = (await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ ...ENTRY, name: 'Raced', tlp: 'TLP:GREEN' }).expect(201)).body.id;
    const entries = hub.app.get(InfrastructureService)['entries'];
    const stale = await entries.findById(id);
    // an edit to a stricter marking commits after the owner's check read the entry
    const findById = jest.spyOn(entries, 'findById').mockImplementationOnce(async () => {
      await db().query(`UPDATE infrastructure_entries SET tlp = 'TLP:RED' WHERE id = $1`, [id]);
      return stale;
    });
    try {
      const removed = await hub.http.delete(`/api/v1/infrastructure/${id}`).set(bearer(keys.litware)).expect(200);
      expect(removed.body.tlp).toBe('TLP:RED');
      const [record] = await db().query(`SELECT tlp FROM infrastructure_entry_changes WHERE entry_id = $1 AND change = 'removed'`, [id]);
      expect(record.tlp).toBe('TLP:RED');
      // removed by another request after the check: not found, and nothing more recorded
      const gone = (await hub.http.post('/api/v1/infrastructure').set(bearer(keys.litware)).send({ ...ENTRY, name: 'Raced again', tlp: 'TLP:GREEN' }).expect(201)).body.id;
      const goneEntry = await entries.findById(gone);
      findById.mockImplementationOnce(async () => {
        await db().query(`DELETE FROM infrastructure_entries WHERE id = $1`, [gone]);
        return goneEntry;
      });
      await hub.http.delete(`/api/v1/infrastructure/${gone}`).set(bearer(keys.litware)).expect(404);
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM infrastructure_entry_changes WHERE entry_id = $1 AND change = 'removed'`, [gone]);
      expect(n).toBe(0);
    } finally {
      findById.mockRestore();
    }
  });

  it('the owner removes an entry: gone from the register, its removal recorded under its marking', async () => {
    const removed = await hub.http.delete(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litware)).expect(200);
    expect(removed.body).toMatchObject({ id: strict, name: ENTRY.name });
    const listed = (await hub.http.get('/api/v1/infrastructure').set(bearer(keys.centre)).expect(200)).body.entries.map((e: { id: string }) => e.id);
    expect(listed).not.toContain(strict);
    expect(listed).toContain(green);
    expect((await changes()).filter((c) => c.name === ENTRY.name).at(-1)).toMatchObject({ change: 'removed', tlp: 'TLP:AMBER+STRICT', criticality: 'critical' });
    await hub.http.delete(`/api/v1/infrastructure/${strict}`).set(bearer(keys.litware)).expect(404);
  });
});
