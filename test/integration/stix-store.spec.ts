import { randomUUID } from 'node:crypto';
import type { Principal } from '@isac/auth';
import { IncidentsService } from '@isac/incidents';
import { StixStoreService } from '@isac/stix-store';
import { DataSource } from 'typeorm';
import { bundleOf, incident, newToolId, tool } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

// The store writes a submission set-based (a few statements for the whole of it): these cases
// mix, in one submission, what each statement must tell apart.
describe('the set-based STIX store on PostgreSQL', () => {
  let hub: IncidentsHarness;
  let store: StixStoreService;
  let incidents: IncidentsService;
  let db: DataSource;
  let energy: Principal;
  let centreId: string;

  beforeAll(async () => {
    hub = await startIncidents();
    energy = hub.principal('energy');
    centreId = hub.network.centre().id;
    store = hub.module.get(StixStoreService);
    incidents = hub.module.get(IncidentsService);
    db = hub.db;
  });
  afterAll(() => hub.close());

  const writer = () => ({ orgId: options().authorOrgId });
  const options = () => ({ authorOrgId: energy.organisation.id, recipientOrgIds: [centreId], tlp: 'TLP:AMBER' as const });
  const newId = newToolId;
  const rows = (ids: string[]): Promise<{ stix_id: string; version: string; is_current: boolean }[]> =>
    db.query(`SELECT stix_id, version, is_current FROM stix_objects WHERE stix_id = ANY($1) ORDER BY stix_id, modified_at`, [ids]);
  const currentOf = async (id: string) => (await rows([id])).filter((r) => r.is_current).map((r) => r.version);

  it('one submission with new, same, newer and older versions of held ids, and an id twice', async () => {
    const [same, newer, older, fresh, twice] = [newId(), newId(), newId(), newId(), newId()];
    await store.store([tool(same, '2026-01-02T00:00:00Z'), tool(newer, '2026-01-02T00:00:00Z'), tool(older, '2026-01-02T00:00:00Z')], options());

    const submission = [
      tool(same, '2026-01-02T00:00:00Z'), // held: a no-op
      tool(newer, '2026-01-03T00:00:00Z'), // supersedes the held one
      tool(older, '2026-01-01T00:00:00Z'), // arrives late: stored, not current
      tool(fresh, '2026-01-02T00:00:00Z'),
      tool(twice, '2026-01-05T00:00:00Z'), // two versions in one bundle, the later first
      tool(twice, '2026-01-04T00:00:00Z'),
      tool(fresh, '2026-01-02T00:00:00Z'), // an identical copy in the same bundle
    ];
    const checked = await store.checkForStorage(submission, writer());
    expect(checked.problems).toEqual([]);
    expect([...checked.heldIds].sort()).toEqual([same, newer, older].sort());
    expect(await store.store(submission, options(), checked)).toEqual({ stored: 5, unchanged: 2 });

    expect(await currentOf(same)).toEqual(['2026-01-02T00:00:00Z']);
    expect(await currentOf(newer)).toEqual(['2026-01-03T00:00:00Z']);
    expect(await currentOf(older)).toEqual(['2026-01-02T00:00:00Z']);
    expect(await currentOf(fresh)).toEqual(['2026-01-02T00:00:00Z']);
    expect(await currentOf(twice)).toEqual(['2026-01-05T00:00:00Z']);
    const versionsOf = async (id: string) => (await rows([id])).map((r) => `${r.version} ${r.is_current ? 'current' : 'superseded'}`);
    expect(await versionsOf(older)).toEqual(['2026-01-01T00:00:00Z superseded', '2026-01-02T00:00:00Z current']);
    expect(await versionsOf(twice)).toEqual(['2026-01-04T00:00:00Z superseded', '2026-01-05T00:00:00Z current']);
  });

  it('new ids only: streamed straight into the table, with the submission\'s author and recipients on every row', async () => {
    const ids = Array.from({ length: 1_200 }, newId);
    const submission = ids.map((id) => tool(id, '2026-02-01T00:00:00Z'));
    const checked = await store.checkForStorage(submission, writer());
    expect(checked.heldIds.size).toBe(0);
    expect(await store.store(submission, options(), checked)).toEqual({ stored: 1_200, unchanged: 0 });
    const stored: { n: number; authors: string[]; recipients: string[] }[] = await db.query(
      `SELECT count(*)::int AS n, array_agg(DISTINCT author_org_id) AS authors, array_agg(DISTINCT recipient_org_ids::text) AS recipients
         FROM stix_objects WHERE stix_id = ANY($1) AND is_current`,
      [ids],
    );
    expect(stored).toEqual([{ n: 1_200, authors: [energy.organisation.id], recipients: [`{${centreId}}`] }]);
  });

  it('a version stored meanwhile by another request: the straight COPY is refused mid-stream, undone, and the careful way stores the rest once', async () => {
    const ids = Array.from({ length: 1_200 }, newId);
    const submission = ids.map((id) => tool(id, '2026-02-01T00:00:00Z'));
    // checked before the other request's commit: the check saw none of the ids
    const stale = await store.checkForStorage(submission, writer());
    await store.store([submission[1_100]], options());
    expect(await store.store(submission, options(), stale)).toEqual({ stored: 1_199, unchanged: 1 });
    const [{ n, versions }] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT stix_id)::int AS versions FROM stix_objects WHERE stix_id = ANY($1) AND is_current`, [ids]);
    expect({ n, versions }).toEqual({ n: 1_200, versions: 1_200 });
  });

  it('keeps content that COPY must escape byte for byte: backslashes, quotes, newlines, tabs, NUL escapes, non-ASCII', async () => {
    const id = newId();
    const obj = tool(id, '2026-01-02T00:00:00Z', { description: 'C:\\temp\\x.exe "quoted"\n\tnext line\r\\N \u0000 ünïcödé 🛰', x_path: ['a\tb', '\\\\server\\share'] });
    await store.store([obj], options());
    const [row] = await db.query(`SELECT object::text AS text, object FROM stix_objects WHERE stix_id = $1`, [id]);
    expect(row.text).toBe(JSON.stringify(obj));
    expect(row.object).toEqual(obj);
  });

  it('a submission streamed in many chunks: versions of one id far apart', async () => {
    const id = newId();
    const notes = Array.from({ length: 4_500 }, (_, i) => ({ type: 'note', spec_version: '2.1', id: `note--${randomUUID()}`, created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z', content: `n ${i}`, object_refs: [id] }));
    const submission = [tool(id, '2026-01-01T00:00:00Z'), ...notes, tool(id, '2026-01-09T00:00:00Z')];
    expect((await store.checkForStorage(submission, writer())).problems).toEqual([]);
    expect(await store.store(submission, options())).toEqual({ stored: 4_502, unchanged: 0 });
    expect(await currentOf(id)).toEqual(['2026-01-09T00:00:00Z']);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM stix_objects WHERE stix_id = ANY($1) AND is_current`, [notes.map((n) => n.id)]);
    expect(n).toBe(4_500);
  });

  it('the same version again: unchanged whatever the key order; different content is a conflict', async () => {
    const id = newId();
    const held = tool(id, '2026-01-02T00:00:00Z', { x_custom: { b: 1, a: [2] } });
    await store.store([held], options());
    const reordered = Object.fromEntries(Object.entries(held).reverse());
    expect((await store.checkForStorage([reordered], writer())).problems).toEqual([]);
    expect((await store.checkForStorage([{ ...held, x_custom: { b: 2, a: [2] } }], writer())).problems).toEqual([
      expect.objectContaining({ code: 'STIX.VERSION_CONFLICT', index: 0, id, pointer: '/objects/0/modified' }),
    ]);
  });

  it('the same id and version twice in one bundle with different content: rejected, nothing stored', async () => {
    const id = newId();
    const inc = incident();
    const bundle = bundleOf([inc, tool(id, '2026-01-02T00:00:00.000Z'), tool(id, '2026-01-02T00:00:00.000Z', { name: 'changed' })]);
    await expect(incidents.file(energy, bundle)).rejects.toMatchObject({
      code: 'INCIDENT.BUNDLE_REJECTED',
      errors: [expect.objectContaining({ pointer: '/objects/2', code: 'STIX.VERSION_CONFLICT' })],
    });
    expect(await rows([id, inc.id as string])).toEqual([]);
  });

  it('a report sent twice: every object unchanged the second time, compared with what is held', async () => {
    const inc = incident();
    const bundle = bundleOf([inc, tool(newId(), '2026-01-02T00:00:00.000Z'), tool(newId(), '2026-01-02T00:00:00.000Z', { x_a: [1, { b: null }] })]);
    const first = await incidents.file(energy, structuredClone(bundle));
    expect(first.report).toMatchObject({ stored: 3, unchanged: 0 });
    const again = await incidents.file(energy, structuredClone(bundle));
    expect(again).toMatchObject({ created: false, report: { stored: 0, unchanged: 3 } });
    // the timeline lists the report's objects
    const [entry] = await db.query(`SELECT object_ids FROM incident_timeline WHERE case_id = $1 AND kind = 'report'`, [first.case.id]);
    expect(entry.object_ids).toEqual(bundle.objects.map((o) => o.id));
  });
});
