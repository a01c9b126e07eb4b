// PostgreSQL can store U+0000 in neither text nor jsonb ("unsupported Unicode escape sequence"),
// so a request carrying one would fail deep inside a query as a 500. It is refused at the edge
// instead, with the pointer of each field (or key) that holds one.
import type { NextFunction, Request, Response } from 'express';
import { pointerFromPath, type FieldProblem } from './domain-error.js';

const MAX_REPORTED = 20;

/** An error shaped like body-parser's own, so the HTTP adapter hands it to the problem filter as a 400. */
export class NulCharacterError extends Error {
  readonly type = 'entity.nul.character';
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;
  constructor(readonly errors: FieldProblem[]) {
    super(`The request holds the character U+0000, which cannot be stored: ${errors.map((e) => e.pointer || '(the whole body)').join(', ')}`);
  }
}

/** JSON pointers of every string value or key holding U+0000 (at most 20). */
export function nulPointers(value: unknown, path: (string | number)[] = [], found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ pointer: pointerFromPath(path), detail: 'holds the character U+0000', code: 'nul' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPointers(item, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ pointer: pointerFromPath([...path, key]), detail: 'the key holds the character U+0000', code: 'nul' });
      nulPointers(item, [...path, key], found);
    }
  }
  return found;
}

/**
 * body-parser `verify`: JSON can carry U+0000 only as the escape \u0000, so a body without that
 * text is passed at the cost of one scan; one with it is parsed to find where (a literal "\\u0000"
 * is no NUL and passes). Malformed JSON is left to the parser to report.
 */
export function refuseNulInJsonBody(_req: unknown, _res: unknown, body: Buffer): void {
  if (body.indexOf('\\u0000') < 0) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return;
  }
  const problems = nulPointers(parsed);
  if (problems.length) throw new NulCharacterError(problems);
}

/**
 * Express middleware: a path or query string holding %00 is refused before it reaches a route,
 * naming each query parameter concerned as the validation of query DTOs does (`/cursor`).
 */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  if (!/%00/.test(req.originalUrl)) return next();
  const [path, query = ''] = req.originalUrl.split('?', 2);
  const problems: FieldProblem[] = /%00/.test(path) ? [{ pointer: '', detail: 'the path holds %00 (U+0000)', code: 'nul' }] : [];
  for (const [name, value] of new URLSearchParams(query)) {
    if (name.includes('\u0000') || value.includes('\u0000')) problems.push({ pointer: pointerFromPath([name.replace(/\u0000/g, '')]), detail: `the query parameter holds %00 (U+0000)`, code: 'nul' });
  }
  next(new NulCharacterError(problems.length ? problems : [{ pointer: '', detail: 'the URL holds %00 (U+0000)', code: 'nul' }]));
}
