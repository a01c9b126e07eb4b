import { DomainError } from '@isac/problems';
import type { ExerciseEntity, ExerciseInjectEntity } from './exercise.entity.js';
import { ExercisesService } from './exercises.service.js';
import type { Inject, Scenario } from './scenario.js';
import { ADVISORY_ERRORS } from '@isac/advisories';

const t0 = new Date('2026-03-02T09:00:00Z');
const scenario: Scenario = {
  title: 'drill',
  injects: [
    { at: 10, kind: 'advisory', title: 'later', body: 'b', severity: 'low', tlp: 'TLP:GREEN', audience: { all: true } },
    { at: 0, kind: 'major-incident', title: 'room', tlp: 'TLP:AMBER', sectors: ['energy'] },
    { at: 5, kind: 'status', sector: 'energy', state: 'affected' },
    { at: 60, kind: 'advisory', title: 'not yet', body: 'b', severity: 'low', tlp: 'TLP:GREEN', audience: { all: true } },
  ],
};

function harness(exercise: Partial<ExerciseEntity>, fail?: (inject: Inject) => boolean) {
  const row = { id: 'x', authorOrgId: 'centre', scenario, state: 'running', speed: 1, elapsedMs: 0, clockAt: t0, generation: 3, majorIncidentId: null, ...exercise } as ExerciseEntity;
  const injects = scenario.injects.map((i, position) => ({ exerciseId: 'x', position, atMinutes: i.at, kind: i.kind, playedAt: null, resultId: null, error: null }) as ExerciseInjectEntity);
  const played: string[] = [];
  const outcomes: { position: number; resultId: string | null; error: string | null }[] = [];
  const repository = {
    find: async () => row,
    injectsOf: async () => injects,
    stillScheduled: async (_: string, generation: number) => row.generation === generation && row.state === 'running',
    claim: async (_: string, position: number) => injects[position]!.playedAt === null && Boolean((injects[position]!.playedAt = t0)),
    recordOutcome: async (_: string, position: number, outcome: { resultId: string | null; error: string | null }) => void outcomes.push({ position, ...outcome }),
    setMajorIncident: async (_: string, id: string) => void (row.majorIncidentId = id),
  };
  const player = {
    play: async (inject: Inject, ctx: { exercise: ExerciseEntity }) => {
      if (fail?.(inject)) throw new DomainError(ADVISORY_ERRORS.invalid, 'The audience is invalid');
      played.push(`${inject.kind}${inject.kind === 'status' ? `@${ctx.exercise.majorIncidentId}` : ''}`);
      return inject.kind === 'major-incident' ? { resultId: 'room-1', majorIncidentId: 'room-1' } : { resultId: `r${inject.at}` };
    },
  };
  const directory = { network: async () => ({}) };
  // a unit of work that undoes the claims of a run that throws, as the transaction's rollback does
  const unitOfWork = {
    run: async <T>(work: () => Promise<T>): Promise<T> => {
      const before = injects.map((i) => i.playedAt);
      try {
        return await work();
      } catch (error) {
        injects.forEach((i, k) => (i.playedAt = before[k]!));
        throw error;
      }
    },
  };
  const service = new ExercisesService(
    repository as never,
    directory as never,
    {} as never,
    player as never,
    {} as never,
    {} as never,
    {} as never,
    {} as never,
    unitOfWork as never,
  );
  return { service, played, outcomes };
}

describe('ExercisesService.playDue', () => {
  it('plays what is due, in the order of the clock; a status finds the room declared just before it', async () => {
    const { service, played, outcomes } = harness({});
    const result = await service.playDue('x', 3, new Date(t0.getTime() + 11 * 60_000));
    expect(result.played).toEqual([1, 2, 0]);
    expect(played).toEqual(['major-incident', 'status@room-1', 'advisory']);
    expect(outcomes.map((o) => o.error)).toEqual([null, null, null]);
  });

  it('a job of an older schedule, or of an exercise not running, plays nothing', async () => {
    expect((await harness({}).service.playDue('x', 2, new Date(t0.getTime() + 3_600_000))).played).toEqual([]);
    expect((await harness({ state: 'paused' }).service.playDue('x', 3, new Date(t0.getTime() + 3_600_000))).played).toEqual([]);
  });

  it('an inject that cannot play is recorded with its reason and the exercise goes on', async () => {
    const { service, played, outcomes } = harness({}, (inject) => inject.kind === 'major-incident');
    await service.playDue('x', 3, new Date(t0.getTime() + 11 * 60_000));
    expect(outcomes[0]).toEqual({ position: 1, resultId: null, error: 'ADVISORY.INVALID: The audience is invalid' });
    expect(played).toEqual(['status@null', 'advisory']);
  });
});
