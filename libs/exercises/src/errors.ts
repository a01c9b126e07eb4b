// The codes of the exercises context, declared once with their statuses (STYLE 14).
import { declareErrors } from '@isac/problems';

export const EXERCISE_ERRORS = declareErrors('exercises', {
  /** 404: missing, purged, or not the caller's — the same answer (DESIGN §2 "No oracle") */
  notFound: ['EXERCISE.NOT_FOUND', 404],
  /** 403: only the centre runs exercises */
  notCentre: ['EXERCISE.NOT_CENTRE', 403],
  /** 400: the scenario (or the request) is invalid; each problem has its pointer */
  invalid: ['EXERCISE.INVALID', 400],
  /** 409: the exercise is not in a state that allows this (start twice, resume a running one…) */
  conflict: ['EXERCISE.CONFLICT', 409],
});
