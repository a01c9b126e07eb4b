import { Injectable } from '@nestjs/common';
import type { QueueHandler, QueueJob } from '@isac/messaging';
import { ExercisesService } from './exercises.service.js';
import { EXERCISE_QUEUE, type ExerciseJobs } from './queues.js';

/** Thin: a due job hands over to the exercise, which plays whatever is due by now. */
@Injectable()
export class ExerciseProcessor implements QueueHandler<ExerciseJobs> {
  readonly queue = EXERCISE_QUEUE;

  constructor(private readonly exercises: ExercisesService) {}

  handle(job: QueueJob<ExerciseJobs>) {
    return this.exercises.playDue(job.data.exerciseId, job.data.generation);
  }
}
