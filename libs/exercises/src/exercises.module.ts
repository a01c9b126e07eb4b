import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { CrisisModule } from '@isac/crisis';
import { IncidentsModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { AfterActionService } from './after-action.service.js';
import { ExerciseGateModule } from './exercise-gate.service.js';
import { ExerciseRepository } from './exercise.repository.js';
import { ExercisesService } from './exercises.service.js';
import { InjectPlayer } from './inject-player.service.js';

/** Exercises' use cases (the worker's ExerciseProcessor goes to QueueHostModule); needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, AdvisoriesModule, IncidentsModule, StixStoreModule, CrisisModule, ExerciseGateModule],
  providers: [ExerciseRepository, ExercisesService, InjectPlayer, AfterActionService],
  exports: [ExercisesService, AfterActionService],
})
export class ExercisesModule {}
