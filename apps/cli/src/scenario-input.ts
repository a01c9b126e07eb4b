import { parse } from 'yaml';
import { CliError, EXIT } from './exit-codes.js';

/**
 * An exercise scenario file's text as the value sent to the hub (issue 19): JSON for `.json`, YAML
 * otherwise (JSON being YAML too, stdin's scenario may be either). Only the syntax is checked here;
 * the hub checks the scenario against its network and answers every problem with its pointer.
 */
export function parseScenario(text: string, source: string): unknown {
  const json = source.toLowerCase().endsWith('.json');
  let scenario: unknown;
  try {
    scenario = json ? JSON.parse(text) : parse(text, { prettyErrors: true });
  } catch (error) {
    // YAML's pretty errors name the line and column on their first line; JSON's name the position
    throw new CliError(EXIT.REJECTED, [`error: ${source}: not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario)) {
    throw new CliError(EXIT.REJECTED, [`error: ${source}: a scenario is an object with a title and its injects`]);
  }
  return scenario;
}
