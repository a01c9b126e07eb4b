// Retention deletes a closed case (ClosedCaseRetentionRepository: picked FOR UPDATE SKIP LOCKED, then
// deleted with its rows in the same transaction). A reopen sent meanwhile waits for the case's lock;
// once the deletion commits, the case is gone: the reopen must answer 404 as for any missing case,
// not write a timeline entry for a case that no longer exists and answer 200 "open".
import pg from 'pg';
import { bearer } from '../factories/bearer.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

const STIX = 'application/stix+json;version=2.1';

describe('a closed case deleted by retention while it is reopened', () => {
  let hub: ApiHarness;
  let retention: pg.Client;
  let key: string;

  beforeAll(async () => {
    hub = await startApi();
    key = await hub.key('litware', ['reporter', 'analyst']);
    retention = new pg.Client({ connectionString: hub.env.config.DATABASE_URL });
    await retention.connect();
  });
  afterAll(async () => {
    await retention.end();
    await hub.close();
  });

  it('the reopen answers 404 and leaves nothing of the case behind', async () => {
    const filed = await hub.http.post('/api/v1/incidents').set(bearer(key)).set('Content-Type', STIX).send(JSON.stringify(incidentBundle())).expect(201);
    const id: string = filed.body.id;
    await hub.http.post(`/api/v1/incidents/${id}/close`).set(bearer(key)).send({ reason: 'handled' }).expect(200);

    // the retention run's transaction, held open between its deletes and its commit
    await retention.query('BEGIN');
    const picked = await retention.query(
      `SELECT id FROM incident_cases WHERE closed_at IS NOT NULL AND closed_at < now() + interval '1 minute' AND id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    );
    expect(picked.rows).toHaveLength(1);
    await retention.query(`DELETE FROM incident_timeline WHERE case_id = $1`, [id]);
    await retention.query(`DELETE FROM incident_messages WHERE case_id = $1`, [id]);
    await retention.query(`DELETE FROM incident_case_links WHERE case_a_id = $1 OR case_b_id = $1`, [id]);
    await retention.query(`DELETE FROM incident_case_keys WHERE case_id = $1`, [id]);
    await retention.query(`DELETE FROM incident_cases WHERE id = $1`, [id]);

    const reopen = hub.http
      .post(`/api/v1/incidents/${id}/reopen`)
      .set(bearer(key))
      .then((res) => res);
    // the reopen waits for the case's lock
    const waitingForLock = async () =>
      (
        await retention.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        )
      ).rows[0].n > 0;
    for (let i = 0; i < 100 && !(await waitingForLock()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waitingForLock()).toBe(true);
    await retention.query('COMMIT');

    const res = await reopen;
    expect([res.status, res.body.code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
    const left = await retention.query(`SELECT count(*)::int AS n FROM incident_timeline WHERE case_id = $1`, [id]);
    expect(left.rows[0].n).toBe(0);
  });
});
