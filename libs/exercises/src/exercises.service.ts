import { Injectable, Logger } from '@nestjs/common';
import { AdvisoryQueriesService } from '@isac/advisories';
import type { Principal } from '@isac/auth';
import { MajorIncidentsService } from '@isac/crisis';
import { IncidentQueriesService } from '@isac/incidents';
import { QueueProducer } from '@isac/messaging';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { StixStoreService } from '@isac/stix-store';
import { UnitOfWork } from '@isac/unit-of-work';
import { EXERCISE_ERRORS } from './errors.js';
import { elapsedAt, isDue, reanchor, wallDelayMs, type ExerciseClock } from './exercise-clock.js';
import type { ExerciseEntity } from './exercise.entity.js';
import { ExerciseRepository } from './exercise.repository.js';
import { InjectPlayer } from './inject-player.service.js';
import { EXERCISE_QUEUE, playJobId } from './queues.js';
import { playOrder, validateScenario, type ScenarioNetwork } from './scenario.js';

/** DESIGN §2 "No oracle": an exercise the caller may not see is answered as one that does not exist. */
const notFound = (id: string) => new DomainError(EXERCISE_ERRORS.notFound, `No exercise ${id}.`);
const conflict = (id: string, state: string, what: string) => new DomainError(EXERCISE_ERRORS.conflict, `Exercise ${id} is ${state}; it cannot ${what}.`);

export const clockOf = (e: ExerciseEntity): ExerciseClock => ({ state: e.state, speed: e.speed, elapsedMs: e.elapsedMs, anchoredAt: e.clockAt });

export function scenarioNetwork(network: NetworkSnapshot): ScenarioNetwork {
  return { sectors: SECTORS, organisations: new Map(network.all().map((o) => [o.slug, o.kind])) };
}

/**
 * Issue 19: preparedness exercises on the live hub. The centre's coordinator loads a scenario,
 * starts, pauses, resumes and fast-forwards it; its injects play as delayed jobs (InjectPlayer),
 * everything they create is marked as the exercise's, and the purge removes it whole.
 */
@Injectable()
export class ExercisesService {
  private readonly logger = new Logger('Exercises');

  constructor(
    private readonly exercises: ExerciseRepository,
    private readonly directory: NetworkDirectory,
    private readonly producer: QueueProducer,
    private readonly player: InjectPlayer,
    private readonly advisories: AdvisoryQueriesService,
    private readonly incidents: IncidentQueriesService,
    private readonly stix: StixStoreService,
    private readonly rooms: MajorIncidentsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(principal: Principal, body: unknown) {
    this.requireCentre(principal);
    const network = await this.directory.network();
    const result = validateScenario(body, scenarioNetwork(network));
    if (!result.ok) {
      throw new DomainError(
        EXERCISE_ERRORS.invalid,
        `The scenario is invalid: ${result.problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`,
        result.problems,
      );
    }
    const exercise = await this.exercises.create(principal.organisation.id, result.scenario, 1);
    return this.get(principal, exercise.id);
  }

  async get(principal: Principal, id: string, now = new Date()) {
    const exercise = await this.readable(principal, id);
    const injects = await this.exercises.injectsOf(exercise.id);
    const clock = clockOf(exercise);
    return {
      id: exercise.id,
      title: exercise.title,
      exercise: true,
      state: exercise.state,
      speed: exercise.speed,
      elapsedMinutes: Math.floor(elapsedAt(clock, now) / 60_000),
      createdAt: exercise.createdAt.toISOString(),
      startedAt: exercise.startedAt?.toISOString() ?? null,
      purgedAt: exercise.purgedAt?.toISOString() ?? null,
      majorIncidentId: exercise.majorIncidentId,
      injects: injects.map((i) => {
        const inject = exercise.scenario.injects[i.position]!;
        return {
          position: i.position,
          at: i.atMinutes,
          kind: i.kind,
          title: 'title' in inject ? inject.title : 'name' in inject ? inject.name : `${inject.sector}: ${inject.state}`,
          playedAt: i.playedAt?.toISOString() ?? null,
          resultId: i.resultId,
          error: i.error,
        };
      }),
    };
  }

  async start(principal: Principal, id: string, request: { speed?: number }) {
    await this.readable(principal, id);
    return this.transition(principal, id, 'start', (e, now) => {
      if (e.state !== 'ready') throw conflict(id, e.state, 'start (it starts once)');
      return { state: 'running', speed: request.speed ?? e.speed, elapsedMs: 0, clockAt: now, startedAt: now };
    });
  }

  async pause(principal: Principal, id: string) {
    await this.readable(principal, id);
    return this.transition(principal, id, 'pause', (e, now) => {
      if (e.state !== 'running') throw conflict(id, e.state, 'pause (only a running exercise does)');
      return this.clockFields(reanchor(clockOf(e), now, 'paused'));
    });
  }

  async resume(principal: Principal, id: string) {
    await this.readable(principal, id);
    return this.transition(principal, id, 'resume', (e, now) => {
      if (e.state !== 'paused') throw conflict(id, e.state, 'resume (only a paused exercise does)');
      return this.clockFields(reanchor(clockOf(e), now, 'running'));
    });
  }

  /** Moves the exercise clock `minutes` ahead: the injects within the jump play at once, the later ones sooner. */
  async fastForward(principal: Principal, id: string, minutes: number) {
    await this.readable(principal, id);
    return this.transition(principal, id, 'fast-forward', (e, now) => {
      if (e.state !== 'running' && e.state !== 'paused') throw conflict(id, e.state, 'fast-forward (only a started exercise does)');
      return this.clockFields(reanchor(clockOf(e), now, e.state, minutes * 60_000));
    });
  }

  /**
   * Removes whole what the exercise created (advisories with their inbox entries, cases, STIX
   * objects, the major incident), in one transaction; the exercise stays, purged, with its injects'
   * record. The audit log keeps its rows: it is append-only.
   */
  async purge(principal: Principal, id: string) {
    await this.readable(principal, id);
    const removed = { advisories: 0, cases: 0, stixObjects: 0, majorIncidents: 0 };
    await this.transition(principal, id, 'purge', (e, now) => {
      if (e.state === 'purged') throw conflict(id, e.state, 'be purged again');
      return { state: 'purged', purgedAt: now, elapsedMs: elapsedAt(clockOf(e), now), clockAt: now };
    }, async (e) => {
      removed.advisories = await this.advisories.purgeExercise(e.id);
      removed.cases = (await this.incidents.purgeExercise(e.id)).length;
      removed.stixObjects = await this.stix.purgeExercise(e.id);
      removed.majorIncidents = await this.rooms.purgeExercise(e.id);
    });
    return { id, state: 'purged', removed };
  }

  /** The worker's job: plays every inject due by now, in the scenario's order, unless the job is of an older schedule. */
  async playDue(exerciseId: string, generation: number, now = new Date()): Promise<{ played: number[] }> {
    let exercise = await this.exercises.find(exerciseId);
    if (!exercise || exercise.generation !== generation || exercise.state !== 'running') return { played: [] };
    const network = await this.directory.network();
    const injects = await this.exercises.injectsOf(exerciseId);
    const played: number[] = [];
    for (const { position, inject } of playOrder(exercise.scenario)) {
      if (injects[position]?.playedAt || !isDue(clockOf(exercise), inject.at, now)) continue;
      // the claim, what the inject creates and its outcome commit together: a worker lost mid-play
      // leaves the inject unplayed and nothing of it written, and the job's retry plays it again; a
      // second job waits on the claimed row, then finds it played
      let failure: string | null = null;
      const outcome = await this.unitOfWork
        .run(async () => {
          // a pause or purge committed since the job read the exercise: nothing more of this schedule plays
          if (!(await this.exercises.stillScheduled(exerciseId, generation))) return 'stale' as const;
          if (!(await this.exercises.claim(exerciseId, position, now))) return 'taken' as const;
          const result = await this.player.play(inject, { exercise: exercise!, position, network, now });
          await this.exercises.recordOutcome(exerciseId, position, { resultId: result.resultId, error: null });
          if (result.majorIncidentId) await this.exercises.setMajorIncident(exerciseId, result.majorIncidentId);
          return result;
        })
        .catch((error: unknown) => {
          // an inject the hub refuses is recorded and the exercise goes on (the report lists it);
          // anything else (the database gone) fails the job, whose retry plays the inject again
          if (!(error instanceof DomainError)) throw error;
          failure = `${error.code}: ${error.message}`;
          return 'refused' as const;
        });
      if (outcome === 'stale') break;
      if (outcome === 'taken') continue;
      if (outcome === 'refused') {
        this.logger.warn({ msg: 'exercise inject failed', exercise: exerciseId, position, err: failure });
        const recorded = await this.unitOfWork.run(async () => {
          if (!(await this.exercises.claim(exerciseId, position, now))) return false;
          await this.exercises.recordOutcome(exerciseId, position, { resultId: null, error: failure!.slice(0, 2000) });
          return true;
        });
        if (!recorded) continue;
      } else if (outcome.majorIncidentId) {
        exercise = { ...exercise, majorIncidentId: outcome.majorIncidentId } as ExerciseEntity;
      }
      played.push(position);
    }
    return { played };
  }

  /** Reads the exercise for the centre that runs it; missing, purged-or-not, and another's answer the same. */
  async readable(principal: Principal, id: string): Promise<ExerciseEntity> {
    const exercise = await this.exercises.find(id);
    if (!exercise || exercise.authorOrgId !== principal.organisation.id) throw notFound(id);
    return exercise;
  }

  private clockFields(clock: ExerciseClock): Partial<ExerciseEntity> {
    return { state: clock.state, elapsedMs: clock.elapsedMs, clockAt: clock.anchoredAt };
  }

  /** A change of the exercise's clock under its lock, a new generation, then its injects scheduled anew. */
  private async transition(
    principal: Principal,
    id: string,
    what: string,
    change: (e: ExerciseEntity, now: Date) => Partial<ExerciseEntity>,
    work?: (e: ExerciseEntity) => Promise<void>,
  ) {
    const now = new Date();
    // under the exercise's row lock: `change` sees the locked row and answers the fields to write (or
    // throws); the fields, the generation bump and what `work` writes (a purge) commit together
    const updated = await this.unitOfWork.run(async () => {
      const exercise = await this.exercises.findForUpdate(id);
      if (!exercise) return null;
      const fields = { ...change(exercise, now), generation: exercise.generation + 1 };
      if (work) await work(exercise);
      return this.exercises.change(exercise, fields);
    });
    if (!updated) throw notFound(id);
    if (updated.state === 'running') await this.schedule(updated, now);
    this.logger.log({ msg: `exercise ${what}`, exercise: id, by: principal.organisation.slug, state: updated.state });
    return this.get(principal, id, now);
  }

  private async schedule(exercise: ExerciseEntity, now: Date): Promise<void> {
    const injects = await this.exercises.injectsOf(exercise.id);
    const clock = clockOf(exercise);
    for (const inject of injects) {
      if (inject.playedAt) continue;
      await this.producer.add(EXERCISE_QUEUE, 'play', { exerciseId: exercise.id, generation: exercise.generation }, {
        jobId: playJobId(exercise.id, exercise.generation, inject.position),
        delay: wallDelayMs(clock, inject.atMinutes, now),
      });
    }
  }

  private requireCentre(principal: Principal): void {
    if (principal.organisation.kind !== 'centre')
      throw new DomainError(EXERCISE_ERRORS.notCentre, `Only the centre runs exercises; ${principal.organisation.slug} may not.`);
  }
}
