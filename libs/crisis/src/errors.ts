// The codes of the crisis context, declared once with their statuses (STYLE 14).
import { declareErrors } from '@isac/problems';

export const CRISIS_ERRORS = declareErrors('crisis', {
  /** 404: missing, or not readable by the caller under the room's TLP — the same answer (DESIGN §2 "No oracle") */
  notFound: ['MAJOR_INCIDENT.NOT_FOUND', 404],
  /** 403: only the centre declares, sends sitreps and stands down */
  notCentre: ['MAJOR_INCIDENT.NOT_CENTRE', 403],
  /** 403: the caller may read the room but not do this (a member, another sector's unit) */
  forbidden: ['MAJOR_INCIDENT.FORBIDDEN', 403],
  /** 403: the TLP policy refuses the room's marking for its audience */
  tlpViolation: ['MAJOR_INCIDENT.TLP_VIOLATION', 403],
  /** 400: a field of the request names nothing the hub knows */
  invalid: ['MAJOR_INCIDENT.INVALID', 400],
  /** 422: a sitrep may not carry a weaker marking than its room */
  sitrepTlpWeaker: ['MAJOR_INCIDENT.SITREP_TLP_WEAKER', 422],
  /** 409: the room was stood down; it takes nothing more (a state conflict, as for a closed incident case) */
  closed: ['MAJOR_INCIDENT.CLOSED', 409],
});
