import { Module } from '@nestjs/common';
import { ExercisesController } from './exercises.controller.js';
import { ExercisesModule } from './exercises.module.js';

@Module({ imports: [ExercisesModule], controllers: [ExercisesController] })
export class ExercisesHttpModule {}
