// A purge (or a pause) that commits while a job plays the due injects: the job read the exercise as
// running before the purge, and each inject it plays after that would create what the purge was meant
// to remove (a case, an alert to real organisations) and leave it behind. Each inject's unit of work
// now checks the exercise's schedule under a lock a purge waits for.
import { AsyncLocalStorage } from 'node:async_hooks';
import { jest } from '@jest/globals';
import { ExercisesService, InjectPlayer } from '@isac/exercises';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const scenario = {
  title: 'Purged drill',
  injects: [
    { at: 0, kind: 'case', from: 'adatum', name: 'Grid telemetry lost', tlp: 'TLP:AMBER', severity: 'high' },
    { at: 0, kind: 'case', from: 'adatum', name: 'Grid telemetry lost again', tlp: 'TLP:AMBER', severity: 'high' },
  ],
};

describe('an exercise purged while its injects play', () => {
  let hub: AdvisoryHub;

  beforeAll(async () => {
    // no worker: the test plays the due injects itself, as the worker's job would
    hub = await startAdvisoryHub({ worker: false });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('keeps nothing the play created: the purge waits for the inject in play, and the job plays none after it', async () => {
    const coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    const exerciseId = (await hub.http.post('/api/v1/exercises').set(bearer(coordinator)).send(scenario).expect(201)).body.id;
    await hub.http
      .post(`/api/v1/exercises/${exerciseId}/start`)
      .set(bearer(coordinator))
      .expect((r) => expect([200, 201]).toContain(r.status));
    const [{ generation }] = await hub.db.query(`SELECT generation FROM exercises WHERE id = $1`, [exerciseId]);

    // the purge is another request, not part of the job: it starts outside the job's async context
    // (supertest's server, made for the request, would otherwise inherit the job's unit of work)
    const outside = AsyncLocalStorage.snapshot();
    const player = hub.app.get(InjectPlayer);
    const play = player.play.bind(player);
    let purge: Promise<{ status: number }> | undefined;
    const spy = jest.spyOn(player, 'play').mockImplementationOnce(async (...args) => {
      // the coordinator purges the exercise just as its first inject plays
      let purged = false;
      purge = outside(() =>
        hub.http
          .post(`/api/v1/exercises/${exerciseId}/purge`)
          .set(bearer(coordinator))
          .then((r) => r),
      ).finally(() => (purged = true));
      const waiting = async () =>
        (
          await hub.db.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND query LIKE '%exercises%' AND pid <> pg_backend_pid()`,
          )
        ).length > 0;
      for (let i = 0; i < 1000 && !purged && !(await waiting()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return play(...args);
    });
    const run = await hub.app.get(ExercisesService).playDue(exerciseId, generation);
    spy.mockRestore();
    expect((await purge!).status).toBe(200);

    expect(run.played.length).toBeLessThanOrEqual(1);
    const [exercise] = await hub.db.query(`SELECT state FROM exercises WHERE id = $1`, [exerciseId]);
    expect(exercise.state).toBe('purged');
    expect((await hub.db.query(`SELECT count(*)::int AS n FROM incident_cases WHERE exercise_id = $1`, [exerciseId]))[0].n).toBe(0);
  });
});
