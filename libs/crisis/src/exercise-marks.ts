// How an exercise's items say so in words (issue 19: "marked as exercise everywhere"). Kept here,
// the lowest context that writes exercise items; @isac/exercises, which depends on this one, uses
// the same prefix for everything its injects create.

/** Every title an exercise writes starts so: a reader who sees it anywhere knows it is not real. */
export const EXERCISE_PREFIX = '[EXERCISE] ';

/** The title an exercise's item carries: the prefix once, in front, whatever the room's own title holds. */
export function exerciseTitle(title: string, exercise: boolean): string {
  if (!exercise) return title;
  return EXERCISE_PREFIX + title.split(EXERCISE_PREFIX).join('');
}
