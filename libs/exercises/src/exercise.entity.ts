import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ExerciseClock } from './exercise-clock.js';
import type { Scenario } from './scenario.js';

/** A preparedness exercise the centre runs on the live hub (DESIGN §8, issue 19). */
@Entity({ name: 'exercises' })
export class ExerciseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the centre, whose coordinator created it */
  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** the scenario as validated */
  @Column({ type: 'jsonb' })
  scenario: Scenario;

  @Column({ type: 'varchar', length: 16 })
  state: ExerciseClock['state'];

  /** exercise minutes per wall-clock minute */
  @Column({ type: 'int', default: 1 })
  speed: number;

  /** exercise time elapsed up to `clockAt` (ms) */
  @Column({ name: 'elapsed_ms', type: 'double precision', default: 0 })
  elapsedMs: number;

  @Column({ name: 'clock_at', type: 'timestamptz', precision: 3, nullable: true })
  clockAt: Date | null;

  /** bumped on every start, pause, resume and fast-forward: a delayed job of an older generation plays nothing */
  @Column({ type: 'int', default: 0 })
  generation: number;

  /** the major incident its scenario declared, once played */
  @Column({ name: 'major_incident_id', type: 'uuid', nullable: true })
  majorIncidentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'purged_at', type: 'timestamptz', precision: 3, nullable: true })
  purgedAt: Date | null;
}

/** One inject of an exercise: when it played and what it created. */
@Entity({ name: 'exercise_injects' })
export class ExerciseInjectEntity {
  @PrimaryColumn({ name: 'exercise_id', type: 'uuid' })
  exerciseId: string;

  /** its index in the scenario's list */
  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ name: 'at_minutes', type: 'int' })
  atMinutes: number;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ name: 'played_at', type: 'timestamptz', precision: 3, nullable: true })
  playedAt: Date | null;

  /** what it created: an advisory's, a case's, a major incident's or a room line's id */
  @Column({ name: 'result_id', type: 'varchar', length: 300, nullable: true })
  resultId: string | null;

  /** why it could not play (it is not retried: the exercise goes on) */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
