import { Global, Injectable, Module } from '@nestjs/common';
import { EXERCISE_GATE, type ExerciseGate } from '@isac/crisis';
import { ExerciseRepository } from './exercise.repository.js';

/** Answers @isac/crisis whether a major incident may be declared as part of an exercise (issue 19). */
@Injectable()
export class ExerciseGateService implements ExerciseGate {
  constructor(private readonly exercises: ExerciseRepository) {}

  async acceptsDeclaration(orgId: string, exerciseId: string): Promise<boolean> {
    const exercise = await this.exercises.find(exerciseId);
    return exercise !== null && exercise.authorOrgId === orgId && (exercise.state === 'running' || exercise.state === 'paused');
  }
}

/** Global: the crisis context, which the exercises context depends on, finds the gate without importing it. */
@Global()
@Module({ providers: [ExerciseRepository, { provide: EXERCISE_GATE, useClass: ExerciseGateService }], exports: [EXERCISE_GATE] })
export class ExerciseGateModule {}
