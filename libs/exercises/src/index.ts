// @isac/exercises — preparedness exercises on the live hub, marked and kept apart from real work (DESIGN §8, issue 19).
export * from './exercises-http.module.js';
export * from './exercises.module.js';
export { EXERCISE_ERRORS } from './errors.js';
export { ExerciseProcessor } from './exercise.processor.js';
export { ExercisesService, scenarioNetwork } from './exercises.service.js';
export { EXERCISE_QUEUE, type ExerciseJobs } from './queues.js';
export { validateScenario, INJECT_KINDS, type Scenario, type Inject, type ScenarioProblem } from './scenario.js';
export { loadScenarioFile, parseScenarioText } from './scenario-file.js';
export { EXERCISE_LABEL, EXERCISE_PREFIX, InjectPlayer } from './inject-player.service.js';

import { ExerciseEntity, ExerciseInjectEntity } from './exercise.entity.js';
export const EXERCISE_ENTITIES = [ExerciseEntity, ExerciseInjectEntity];
