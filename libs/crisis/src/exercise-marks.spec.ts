import { EXERCISE_PREFIX, exerciseTitle } from './exercise-marks.js';

describe('exerciseTitle', () => {
  it('leaves a real item alone', () => {
    expect(exerciseTitle('Major incident: Grid down', false)).toBe('Major incident: Grid down');
  });

  it("puts the prefix in front of an exercise's title, once, even when the room's title carries it already", () => {
    expect(exerciseTitle('Major incident: Grid down', true)).toBe('[EXERCISE] Major incident: Grid down');
    expect(exerciseTitle(`Major incident: ${EXERCISE_PREFIX}Grid down`, true)).toBe('[EXERCISE] Major incident: Grid down');
    expect(exerciseTitle(`${EXERCISE_PREFIX}Sitrep: ${EXERCISE_PREFIX}x`, true)).toBe('[EXERCISE] Sitrep: x');
  });
});
