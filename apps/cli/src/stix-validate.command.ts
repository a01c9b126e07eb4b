import { readFile } from 'node:fs/promises';
import { validateBundle, type StixProblem } from '@isac/stix';
import { counted } from './output.js';

export interface ValidateOutcome {
  exitCode: number;
  lines: string[];
}

function describe(problem: StixProblem): string {
  const where = [problem.pointer || '/', problem.id ? `(${problem.id})` : ''].filter(Boolean).join(' ');
  return `${where}: ${problem.message} [${problem.code}]`;
}

/**
 * `isac stix validate <file>`: the hub's own STIX 2.1 validator, offline (no server, no database).
 * Exit code 0 when valid, 1 when the bundle has errors, 2 when the file cannot be read as JSON.
 */
export async function validateStixFile(file: string, options: { json?: boolean }): Promise<ValidateOutcome> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { exitCode: 2, lines: [`${file}: cannot read as JSON: ${reason}`] };
  }
  const report = validateBundle(input);
  if (options.json) return { exitCode: report.valid ? 0 : 1, lines: [JSON.stringify(report, null, 2)] };
  const objects = Array.isArray((input as { objects?: unknown })?.objects) ? (input as { objects: unknown[] }).objects.length : 0;
  const lines = [
    `${file}: ${report.valid ? 'valid' : 'invalid'} STIX 2.1 bundle, ` +
      `${counted(objects, 'object')}, ${counted(report.errors.length, 'error')}, ${counted(report.warnings.length, 'warning')}`,
    ...report.errors.map((p) => `error   ${describe(p)}`),
    ...report.warnings.map((p) => `warning ${describe(p)}`),
  ];
  return { exitCode: report.valid ? 0 : 1, lines };
}
