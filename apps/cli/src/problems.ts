/** An RFC 9457 problem document as the hub sends it (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: { pointer?: string; detail?: string; code?: string }[];
}

// the hub names its query parameter (`?stage=`); the CLI's user gave the flag that sets it (rough edge 7)
const clean = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\?stage=([a-z-]*)/g, (_, value: string) => (value ? `--stage ${value}` : '--stage'));

/**
 * One line for the problem, then one line per invalid field with its JSON pointer
 * (`/objects/2/pattern: …`), as the CLI prints them on stderr.
 */
export function formatProblem(status: number, problem: Problem | null, fallback = ''): string[] {
  if (!problem || typeof problem !== 'object') {
    const text = clean(fallback).slice(0, 300);
    return [`error: the hub answered HTTP ${status}${text ? `: ${text}` : ''}`];
  }
  const code = problem.code ? ` [${problem.code}]` : '';
  const head = `error: ${clean(problem.detail ?? problem.title ?? `HTTP ${status}`)}${code}`;
  const fields = (Array.isArray(problem.errors) ? problem.errors : []).map((e) => {
    const pointer = e.pointer === undefined || e.pointer === '' ? '/' : e.pointer;
    return `${pointer}: ${clean(e.detail ?? 'invalid')}${e.code ? ` [${e.code}]` : ''}`;
  });
  return [head, ...fields];
}
