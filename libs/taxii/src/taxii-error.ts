// TAXII 2.1 §3.6 "Error Message": every error under /taxii2/ is an error resource, not problem+json.

/** The error resource of TAXII 2.1 §3.6.1 (title required; the rest optional). */
export interface TaxiiErrorMessage {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  external_details?: string;
  details?: Record<string, unknown>;
}

/** A failure of a TAXII request: the HTTP status (§3.6.1 table) and a stable hub error code. */
export class TaxiiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    description: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(description);
    this.name = 'TaxiiError';
  }
}

export const taxiiErrors = {
  badRequest: (description: string, details?: Record<string, unknown>) => new TaxiiError(400, 'TAXII.BAD_REQUEST', 'Bad request', description, details),
  unauthenticated: (description: string) => new TaxiiError(401, 'TAXII.UNAUTHENTICATED', 'Authentication required', description),
  forbidden: (description: string) => new TaxiiError(403, 'TAXII.FORBIDDEN', 'Forbidden', description),
  notFound: (description: string) => new TaxiiError(404, 'TAXII.NOT_FOUND', 'Not found', description),
  notAcceptable: (description: string) => new TaxiiError(406, 'TAXII.NOT_ACCEPTABLE', 'Not acceptable', description),
  tooLarge: (description: string) => new TaxiiError(413, 'TAXII.TOO_LARGE', 'Request entity too large', description),
  unsupportedMediaType: (description: string) => new TaxiiError(415, 'TAXII.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', description),
  unprocessable: (description: string, details?: Record<string, unknown>) =>
    new TaxiiError(422, 'TAXII.UNPROCESSABLE', 'Unprocessable entity', description, details),
};

/** The body of an error (§3.6.1: `http_status` is a string). */
export function errorMessage(status: number, code: string, title: string, description: string, details?: Record<string, unknown>): TaxiiErrorMessage {
  return { title, description, error_code: code, http_status: String(status), ...(details === undefined ? {} : { details }) };
}
