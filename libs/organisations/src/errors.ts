// The codes of the organisations context (organisations and API keys), declared once (STYLE 14).
import { AUTH_ERRORS } from '@isac/auth';
import { declareErrors } from '@isac/problems';

export const ORG_ERRORS = {
  ...declareErrors('organisations', {
    notFound: ['ORG.NOT_FOUND', 404],
    alreadyExists: ['ORG.ALREADY_EXISTS', 409],
    invalid: ['ORG.INVALID', 400],
    /** a member organisation adds only below itself */
    outOfScope: ['ORG.OUT_OF_SCOPE', 403],
    keyInvalid: ['KEY.INVALID', 400],
    keyNotFound: ['KEY.NOT_FOUND', 404],
  }),
  /** the membership policy's refusal for a key without "admin" (auth's code) */
  roleRequired: AUTH_ERRORS.roleRequired,
} as const;
