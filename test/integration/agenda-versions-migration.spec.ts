// The migration that brings agenda versions (issue 17) turns every agenda published before it into
// version 1, so corrections of those meetings start from what went out; drafts get no version.
import { ALL_MIGRATIONS, createDataSource } from '@isac/persistence';
import type { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

describe('migration AgendaVersions: agendas published before it become version 1', () => {
  let env: TestEnv;
  let db: DataSource;
  const migration = ALL_MIGRATIONS.map((M) => new M()).find((m) => m.name === 'AgendaVersions1764040200000')!;

  beforeAll(async () => {
    env = await createTestEnv();
    db = await createDataSource(env.config).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await env.dispose();
  });

  it('after down and up again: backfills published and held meetings, leaves drafts without a version', async () => {
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      const insert = (state: string, advisory: string | null) =>
        runner.query(
          `INSERT INTO meetings (title, starts_at, ends_at, participant_org_ids, series, state, coordinator_org_id, agenda, agenda_advisory_id, published_at)
           VALUES ('m', now(), now() + interval '1 hour', ARRAY[gen_random_uuid()], 's', $1, gen_random_uuid(), '{"tlp":"TLP:AMBER+STRICT","items":[]}', $2, CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END) RETURNING id, coordinator_org_id`,
          [state, advisory],
        );
      const [published] = await insert('published', '00000000-0000-4000-8000-000000000001');
      const [held] = await insert('held', '00000000-0000-4000-8000-000000000002');
      const [draft] = await insert('draft', null);
      await migration.up(runner);

      const versions = await runner.query(`SELECT meeting_id, version, tlp, advisory_id, published_by_org_id, published_by_key, changes FROM meeting_agenda_versions ORDER BY advisory_id`);
      expect(versions).toEqual([
        { meeting_id: published.id, version: 1, tlp: 'TLP:AMBER+STRICT', advisory_id: '00000000-0000-4000-8000-000000000001', published_by_org_id: published.coordinator_org_id, published_by_key: null, changes: [] },
        { meeting_id: held.id, version: 1, tlp: 'TLP:AMBER+STRICT', advisory_id: '00000000-0000-4000-8000-000000000002', published_by_org_id: held.coordinator_org_id, published_by_key: null, changes: [] },
      ]);
      const current = await runner.query(`SELECT id, agenda_version FROM meetings WHERE id = ANY($1) ORDER BY agenda_version NULLS LAST, id`, [[published.id, held.id, draft.id]]);
      expect(Object.fromEntries(current.map((r: { id: string; agenda_version: number | null }) => [r.id, r.agenda_version]))).toEqual({ [published.id]: 1, [held.id]: 1, [draft.id]: null });
    } finally {
      await runner.release();
    }
  });
});
