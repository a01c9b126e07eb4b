import { CliError } from './exit-codes.js';
import { parseScenario } from './scenario-input.js';

describe('parseScenario', () => {
  it('reads YAML, and JSON by its extension', () => {
    expect(parseScenario('title: Drill\ninjects:\n  - at: 0\n    kind: status\n', 'drill.yaml')).toEqual({ title: 'Drill', injects: [{ at: 0, kind: 'status' }] });
    expect(parseScenario('{"title":"Drill","injects":[]}', 'drill.JSON')).toEqual({ title: 'Drill', injects: [] });
  });

  it('a syntax error names the file, the format and where, exit 1', () => {
    const failure = (text: string, source: string) => {
      try {
        parseScenario(text, source);
      } catch (error) {
        return error as CliError;
      }
      throw new Error('no error');
    };
    const yaml = failure('title: Drill\ninjects: [\n  - at: 0\n', 'drill.yaml');
    expect(yaml.exitCode).toBe(1);
    expect(yaml.lines).toEqual([expect.stringMatching(/^error: drill\.yaml: not valid YAML: .*line \d+/)]);
    expect(failure('{"title": }', 'drill.json').lines).toEqual([expect.stringMatching(/^error: drill\.json: not valid JSON: /)]);
    expect(failure('- a\n- b\n', '-').lines).toEqual(['error: -: a scenario is an object with a title and its injects']);
  });
});
