import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ExerciseEntity, ExerciseInjectEntity } from './exercise.entity.js';
import type { Scenario } from './scenario.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The only code that reads or writes `exercises` and `exercise_injects`. */
@Injectable()
export class ExerciseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The exercise and one row per inject, in one transaction. */
  create(authorOrgId: string, scenario: Scenario, speed: number): Promise<ExerciseEntity> {
    return this.dataSource.transaction(async (manager) => {
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
    return this.dataSource.getRepository(ExerciseEntity).findOneBy({ id });
  }

  injectsOf(exerciseId: string): Promise<ExerciseInjectEntity[]> {
    return this.dataSource.getRepository(ExerciseInjectEntity).find({ where: { exerciseId }, order: { position: 'ASC' } });
  }

  /**
   * Changes the exercise under its row lock: `change` sees the locked row and answers the fields to
   * write (or throws); the write and the generation bump commit together.
   */
  update(
    id: string,
    change: (exercise: ExerciseEntity) => Partial<ExerciseEntity>,
    work?: (manager: EntityManager, exercise: ExerciseEntity) => Promise<void>,
  ): Promise<ExerciseEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const exercise = await manager.getRepository(ExerciseEntity).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
      if (!exercise) return null;
      const fields = change(exercise);
      if (work) await work(manager, exercise);
      await manager.update(ExerciseEntity, { id }, fields);
      return Object.assign(exercise, fields);
    });
  }

  /** Claims an inject to play: true for the one caller that marks it played (a second worker finds it taken). */
  async claim(exerciseId: string, position: number, at: Date): Promise<boolean> {
    const [, claimed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE exercise_injects SET played_at = $3 WHERE exercise_id = $1 AND position = $2 AND played_at IS NULL`,
      [exerciseId, position, at],
    );
    return claimed === 1;
  }

  async recordOutcome(exerciseId: string, position: number, outcome: { resultId: string | null; error: string | null }): Promise<void> {
    await this.dataSource.getRepository(ExerciseInjectEntity).update({ exerciseId, position }, outcome);
  }

  async setMajorIncident(exerciseId: string, majorIncidentId: string): Promise<void> {
    await this.dataSource.getRepository(ExerciseEntity).update({ id: exerciseId }, { majorIncidentId });
  }
}
