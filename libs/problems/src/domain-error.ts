/** One invalid input field: where (a JSON pointer into the request body) and what. */
export interface FieldProblem {
  pointer: string;
  detail: string;
  code?: string;
}

/**
 * An error of the domain, with a stable code (`ORG.NOT_FOUND`) that clients and tests match on.
 * The code is a constant of its context's errors.ts, never a literal; its HTTP status is the one declared
 * there (error-codes.ts), so services never choose one.
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

/** Turns a dotted property path (`audience.sectors.0`) into a JSON pointer (`/audience/sectors/0`). */
export function pointerFromPath(path: (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
