// An inject is played once: the claim, what the inject creates and its outcome commit together. A
// worker lost after the play's writes but before its commit leaves nothing behind and the inject
// unplayed, and the job's retry plays it; two jobs at once play it once.
import { jest } from '@jest/globals';
import { ExercisesService, InjectPlayer } from '@isac/exercises';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const scenario = {
  title: 'Replay drill',
  injects: [{ at: 0, kind: 'case', from: 'adatum', name: 'Grid telemetry lost', tlp: 'TLP:AMBER', severity: 'high' }],
};

describe('an exercise inject lost mid-play is played again, once', () => {
  let hub: AdvisoryHub;
  let exerciseId: string;
  let generation: number;

  beforeAll(async () => {
    // no worker: the test plays the due injects itself, as the worker's job would
    hub = await startAdvisoryHub({ worker: false });
    const coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    exerciseId = (await hub.http.post('/api/v1/exercises').set(bearer(coordinator)).send(scenario).expect(201)).body.id;
    await hub.http.post(`/api/v1/exercises/${exerciseId}/start`).set(bearer(coordinator)).expect((r) => expect([200, 201]).toContain(r.status));
    generation = (await hub.db.query(`SELECT generation FROM exercises WHERE id = $1`, [exerciseId]))[0].generation;
  });
  afterAll(async () => {
    await hub?.close();
  });

  const cases = async () => (await hub.db.query(`SELECT count(*)::int AS n FROM incident_cases WHERE exercise_id = $1`, [exerciseId]))[0].n;
  const inject = async () => (await hub.db.query(`SELECT played_at, result_id, error FROM exercise_injects WHERE exercise_id = $1`, [exerciseId]))[0];

  it('the play fails after filing the case: no case, the inject unplayed, and the job fails so that it is retried', async () => {
    const player = hub.app.get(InjectPlayer);
    const play = player.play.bind(player);
    const spy = jest.spyOn(player, 'play').mockImplementationOnce(async (...args) => {
      await play(...args);
      throw new Error('the worker was lost');
    });
    await expect(hub.app.get(ExercisesService).playDue(exerciseId, generation)).rejects.toThrow('the worker was lost');
    spy.mockRestore();
    expect(await cases()).toBe(0);
    expect(await inject()).toEqual({ played_at: null, result_id: null, error: null });
  });

  it('the retry plays it; a second job at the same moment plays nothing', async () => {
    const service = hub.app.get(ExercisesService);
    const runs = await Promise.all([service.playDue(exerciseId, generation), service.playDue(exerciseId, generation)]);
    expect(runs.flatMap((r) => r.played)).toEqual([0]);
    expect(await cases()).toBe(1);
    const played = await inject();
    expect(played.played_at).not.toBeNull();
    expect(played.error).toBeNull();
    expect((await hub.db.query(`SELECT id FROM incident_cases WHERE exercise_id = $1`, [exerciseId]))[0].id).toBe(played.result_id);
  });
});
