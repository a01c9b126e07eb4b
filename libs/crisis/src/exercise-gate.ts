/**
 * Issue 19: whether a major incident may be declared as part of an exercise. The exercises context
 * answers (it depends on this one, never the reverse) by providing EXERCISE_GATE; without it, no
 * major incident is declared as an exercise's.
 */
export const EXERCISE_GATE = Symbol('EXERCISE_GATE');

export interface ExerciseGate {
  /** true when `exerciseId` is an exercise `orgId` runs, started and not purged */
  acceptsDeclaration(orgId: string, exerciseId: string): Promise<boolean>;
}
