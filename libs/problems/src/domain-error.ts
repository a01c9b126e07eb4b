/** One invalid input field: where (a JSON pointer into the request body) and what. */
export interface FieldProblem {
  pointer: string;
  detail: string;
  code?: string;
}

/**
 * An error of the domain, with a stable code (`ORG.NOT_FOUND`) that clients and tests match on.
 * The HTTP status is derived from the code's kind, in one table, so services never choose one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const STATUS_BY_SUFFIX: [RegExp, number][] = [
  [/\.(UNAUTHENTICATED|BAD_CREDENTIALS|KEY_REVOKED)$/, 401],
  [/\.(FORBIDDEN|ROLE_REQUIRED|OUT_OF_SCOPE|TLP_VIOLATION|NOT_CENTRE)$/, 403],
  [/\.NOT_FOUND$/, 404],
  [/\.(CONFLICT|ALREADY_EXISTS|IDEMPOTENCY_MISMATCH)$/, 409],
  // a closed case takes no new message until reopened: the case's state, not the request, is in the way
  [/^INCIDENT\.CLOSED$/, 409],
  [/\.(INVALID|VALIDATION_FAILED|BAD_REQUEST)$/, 400],
  [/\.UNSUPPORTED_MEDIA_TYPE$/, 415],
  [/\.TOO_MANY_REQUESTS$/, 429],
  [/\.UNAVAILABLE$/, 503],
];

export function statusForCode(code: string): number {
  for (const [pattern, status] of STATUS_BY_SUFFIX) if (pattern.test(code)) return status;
  return 422;
}

/** Turns a dotted property path (`audience.sectors.0`) into a JSON pointer (`/audience/sectors/0`). */
export function pointerFromPath(path: (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
