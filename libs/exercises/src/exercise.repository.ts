import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentManager, inTransaction, transactional } from '@isac/unit-of-work';
import { ExerciseEntity, ExerciseInjectEntity } from './exercise.entity.js';
import type { Scenario } from './scenario.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The only code that reads or writes `exercises` and `exercise_injects`. */
@Injectable()
export class ExerciseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  /** The exercise and one row per inject, in one transaction. */
  create(authorOrgId: string, scenario: Scenario, speed: number): Promise<ExerciseEntity> {
    return transactional(this.dataSource, async (manager) => {
      const saved = await manager.save(
        manager.create(ExerciseEntity, {
          authorOrgId,
          title: scenario.title,
          scenario,
          state: 'ready',
          speed,
          elapsedMs: 0,
          clockAt: null,
          generation: 0,
          majorIncidentId: null,
          startedAt: null,
          purgedAt: null,
        }),
      );
      await manager.insert(
        ExerciseInjectEntity,
        scenario.injects.map((inject, position) => ({
          exerciseId: saved.id,
          position,
          atMinutes: inject.at,
          kind: inject.kind,
          playedAt: null,
          resultId: null,
          error: null,
        })),
      );
      return saved;
    });
  }

  async find(id: string): Promise<ExerciseEntity | null> {
    if (!UUID.test(id)) return null;
    return this.db.getRepository(ExerciseEntity).findOneBy({ id });
  }

  injectsOf(exerciseId: string): Promise<ExerciseInjectEntity[]> {
    return this.db.getRepository(ExerciseInjectEntity).find({ where: { exerciseId }, order: { position: 'ASC' } });
  }

  /** The exercise locked until the caller's unit of work ends (its changes are serialised); null when there is none. */
  async findForUpdate(id: string): Promise<ExerciseEntity | null> {
    if (!inTransaction(this.dataSource)) throw new Error('an exercise is locked for a change in a unit of work');
    return this.db.getRepository(ExerciseEntity).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
  }

  /** Writes these fields of a locked exercise (findForUpdate) and answers it changed. */
  async change(exercise: ExerciseEntity, fields: Partial<ExerciseEntity>): Promise<ExerciseEntity> {
    await this.db.update(ExerciseEntity, { id: exercise.id }, fields);
    return Object.assign(exercise, fields);
  }

  /**
   * Whether the exercise still runs on this schedule, its row kept from a change (findForUpdate takes
   * FOR UPDATE) until the caller's unit of work ends: a pause or purge waits for it, or it sees them.
   * FOR KEY SHARE, so that the same unit of work's own update of the row (setMajorIncident) waits for
   * no other job's lock.
   */
  async stillScheduled(id: string, generation: number): Promise<boolean> {
    if (!inTransaction(this.dataSource)) throw new Error('an exercise schedule is checked in a unit of work');
    const rows: { generation: number; state: string }[] = await this.db.query(`SELECT generation, state FROM exercises WHERE id = $1 FOR KEY SHARE`, [id]);
    return rows.length === 1 && rows[0].generation === generation && rows[0].state === 'running';
  }

  /** Claims an inject to play: true for the one caller that marks it played (a second worker finds it taken). */
  async claim(exerciseId: string, position: number, at: Date): Promise<boolean> {
    const [, claimed]: [unknown[], number] = await this.db.query(
      `UPDATE exercise_injects SET played_at = $3 WHERE exercise_id = $1 AND position = $2 AND played_at IS NULL`,
      [exerciseId, position, at],
    );
    return claimed === 1;
  }

  async recordOutcome(exerciseId: string, position: number, outcome: { resultId: string | null; error: string | null }): Promise<void> {
    await this.db.getRepository(ExerciseInjectEntity).update({ exerciseId, position }, outcome);
  }

  async setMajorIncident(exerciseId: string, majorIncidentId: string): Promise<void> {
    await this.db.getRepository(ExerciseEntity).update({ id: exerciseId }, { majorIncidentId });
  }
}
