// An inject the hub cannot play as the scenario says (its major incident was refused, so a sector's
// status has no room to go to) is recorded as failed and the exercise goes on. Thrown as a plain
// error, it failed the job like a lost database: the retries failed the same way, and every later
// job stopped at the same inject, so no inject after it was ever played.
import { jest } from '@jest/globals';
import { CRISIS_ERRORS, MajorIncidentsService } from '@isac/crisis';
import { ExercisesService } from '@isac/exercises';
import { DomainError } from '@isac/problems';
import { bearer } from '../factories/bearer.js';
import { startAdvisoryHub, type AdvisoryHub } from '../support/advisories-harness.js';

const scenario = {
  title: 'Refused drill',
  injects: [
    { at: 0, kind: 'major-incident', title: 'Backbone down', tlp: 'TLP:AMBER', sectors: ['telecom'] },
    { at: 0, kind: 'status', sector: 'telecom', state: 'affected', note: 'ring down' },
    { at: 0, kind: 'case', from: 'adatum', name: 'Grid telemetry lost', tlp: 'TLP:AMBER', severity: 'high' },
  ],
};

describe('an exercise inject that cannot play as its scenario says', () => {
  let hub: AdvisoryHub;

  beforeAll(async () => {
    // no worker: the test plays the due injects itself, as the worker's job would
    hub = await startAdvisoryHub({ worker: false });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('is recorded as failed, and the injects after it play', async () => {
    const coordinator = await hub.key('centre', ['coordinator', 'analyst']);
    const exerciseId = (await hub.http.post('/api/v1/exercises').set(bearer(coordinator)).send(scenario).expect(201)).body.id;
    await hub.http
      .post(`/api/v1/exercises/${exerciseId}/start`)
      .set(bearer(coordinator))
      .expect((r) => expect([200, 201]).toContain(r.status));
    const [{ generation }] = await hub.db.query(`SELECT generation FROM exercises WHERE id = $1`, [exerciseId]);

    // the hub refuses the declaration (as it would a room it may not open): recorded, the exercise goes on
    const rooms = hub.app.get(MajorIncidentsService);
    const spy = jest.spyOn(rooms, 'declare').mockRejectedValueOnce(new DomainError(CRISIS_ERRORS.invalid, 'refused for the test'));
    const service = hub.app.get(ExercisesService);
    const first = await service.playDue(exerciseId, generation).catch((error: Error) => error);
    spy.mockRestore();
    // a later job (the retry, or the next inject's) finds the same
    const second = await service.playDue(exerciseId, generation).catch((error: Error) => error);

    expect(first).toEqual({ played: [0, 1, 2] });
    expect(second).toEqual({ played: [] });
    const injects = await hub.db.query(
      `SELECT position, played_at IS NOT NULL AS played, error FROM exercise_injects WHERE exercise_id = $1 ORDER BY position`,
      [exerciseId],
    );
    expect(injects).toEqual([
      { position: 0, played: true, error: expect.stringContaining('refused for the test') },
      { position: 1, played: true, error: expect.stringContaining('major incident') },
      { position: 2, played: true, error: null },
    ]);
    expect((await hub.db.query(`SELECT count(*)::int AS n FROM incident_cases WHERE exercise_id = $1`, [exerciseId]))[0].n).toBe(1);
  });
});
