// The codes of the API's edge, declared once (STYLE 14): requests refused before a context sees them,
// and the answers for errors that are not the domain's.
import { declareErrors } from './error-codes.js';

export const REQUEST_ERRORS = declareErrors('problems', {
  /** a body that fails a DTO's validation; `errors` points at each field */
  validationFailed: ['REQUEST.VALIDATION_FAILED', 400],
  malformedJson: ['REQUEST.MALFORMED_JSON', 400],
  nulCharacter: ['REQUEST.NUL_CHARACTER', 400],
  tooDeep: ['REQUEST.TOO_DEEP', 400],
  badRequest: ['REQUEST.BAD_REQUEST', 400],
  unauthenticated: ['AUTH.UNAUTHENTICATED', 401],
  forbidden: ['AUTH.FORBIDDEN', 403],
  notFound: ['REQUEST.NOT_FOUND', 404],
  methodNotAllowed: ['REQUEST.METHOD_NOT_ALLOWED', 405],
  tooLarge: ['REQUEST.TOO_LARGE', 413],
  unsupportedMediaType: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 415],
  unsupportedEncoding: ['REQUEST.UNSUPPORTED_ENCODING', 415],
  /** an unexpected error: logged, never shown */
  internal: ['SERVER.INTERNAL', 500],
  /** PostgreSQL or Redis did not answer in time: try again (Retry-After) */
  serviceUnavailable: ['SERVICE.UNAVAILABLE', 503],
});
