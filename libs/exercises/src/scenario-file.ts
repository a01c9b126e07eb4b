import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateScenario, type ScenarioNetwork, type ScenarioProblem, type ScenarioResult } from './scenario.js';

/**
 * A scenario file (`config/exercises/*.yaml` or `.json`) read and checked: a syntax error or each
 * problem of the scenario comes back with the file's name and the pointer of what to fix.
 */
export function parseScenarioText(text: string, filename: string, network: ScenarioNetwork): ScenarioResult {
  let parsed: unknown;
  try {
    parsed = filename.endsWith('.json') ? JSON.parse(text) : parse(text, { prettyErrors: true });
  } catch (error) {
    return {
      ok: false,
      problems: [{ pointer: '', detail: `${filename}: not valid ${filename.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
  const result = validateScenario(parsed, network);
  return result.ok
    ? result
    : { ok: false, problems: result.problems.map((p): ScenarioProblem => ({ pointer: p.pointer, detail: `${filename}#${p.pointer}: ${p.detail}` })) };
}

export function loadScenarioFile(path: string, network: ScenarioNetwork): ScenarioResult {
  return parseScenarioText(readFileSync(path, 'utf8'), path, network);
}
