// The one registry of error codes (STYLE 14): each context declares its codes once, in its errors.ts,
// with the HTTP status each answers with; the ProblemFilter looks the status up here. No suffix rules:
// a code nobody declared is a programming error (test/… error-codes spec walks every errors.ts).

/** The statuses a declared code may answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** One declared code: its context (the errors.ts that owns it) and its status. */
export interface DeclaredError {
  code: string;
  status: ErrorStatus;
  context: string;
}

const CODE = /^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/;
const registry = new Map<string, DeclaredError>();

/**
 * Declares a context's codes: `declareErrors('meetings', { notFound: ['MEETING.NOT_FOUND', 404] })`
 * returns `{ notFound: 'MEETING.NOT_FOUND' }` (typed as the literal) for the throw sites, and enters each
 * code with its status in the registry. The same code declared by two contexts, or with two statuses, throws.
 */
export function declareErrors<const T extends Record<string, readonly [string, ErrorStatus]>>(
  context: string,
  table: T,
): { readonly [K in keyof T]: T[K][0] } {
  const codes: Record<string, string> = {};
  for (const [name, [code, status]] of Object.entries(table)) {
    if (!CODE.test(code)) throw new Error(`Error code "${code}" (${context}.${name}) is not CONTEXT.WHAT in capitals`);
    const known = registry.get(code);
    if (known && (known.context !== context || known.status !== status)) {
      throw new Error(`Error code ${code} is declared twice: ${known.context} (${known.status}) and ${context} (${status})`);
    }
    registry.set(code, { code, status, context });
    codes[name] = code;
  }
  return Object.freeze(codes) as { readonly [K in keyof T]: T[K][0] };
}

/** The status a declared code answers with; undefined for a code nobody declared (a programming error). */
export function statusForCode(code: string): ErrorStatus | undefined {
  return registry.get(code)?.status;
}

/** Every code declared so far (by the errors.ts modules loaded), sorted by code. */
export function declaredErrors(): DeclaredError[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}
