// The codes of the exercises context, declared once (STYLE 14); the status follows from the suffix in @isac/problems.
export const EXERCISE_ERRORS = {
  /** 404: missing, purged, or not the caller's — the same answer (DESIGN §2 "No oracle") */
  notFound: 'EXERCISE.NOT_FOUND',
  /** 403: only the centre runs exercises */
  notCentre: 'EXERCISE.NOT_CENTRE',
  /** 400: the scenario (or the request) is invalid; each problem has its pointer */
  invalid: 'EXERCISE.INVALID',
  /** 409: the exercise is not in a state that allows this (start twice, resume a running one…) */
  conflict: 'EXERCISE.CONFLICT',
} as const;
