// The codes of the auth context, declared once (STYLE 14); the status of each is declared here too.
import { declareErrors, REQUEST_ERRORS } from '@isac/problems';

export const AUTH_ERRORS = {
  ...declareErrors('auth', {
    /** a key that is malformed, unknown or revoked */
    badCredentials: ['AUTH.BAD_CREDENTIALS', 401],
    /** the key lacks the role the route needs */
    roleRequired: ['AUTH.ROLE_REQUIRED', 403],
    /** too many keys checked at once: try again in a second (Retry-After) */
    tooManyRequests: ['AUTH.TOO_MANY_REQUESTS', 429],
  }),
  /** no key at all: the edge's code (declared in @isac/problems, which answers it for Nest's 401s too) */
  unauthenticated: REQUEST_ERRORS.unauthenticated,
} as const;
