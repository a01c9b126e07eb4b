import { join } from 'node:path';
import { loadScenarioFile, parseScenarioText } from './scenario-file.js';
import { playOrder, validateScenario, type ScenarioNetwork } from './scenario.js';

// the seeded network of config/network.yaml (fictitious members)
const network: ScenarioNetwork = {
  sectors: ['telecom', 'energy', 'shipping', 'transport', 'health', 'finance'],
  organisations: new Map([
    ['centre', 'centre'],
    ['telecom', 'sector-unit'],
    ['energy', 'sector-unit'],
    ['shipping', 'sector-unit'],
    ['contoso', 'member'],
    ['fabrikam', 'member'],
    ['adatum', 'member'],
    ['wideworld', 'member'],
  ]),
};

describe('exercise scenarios', () => {
  it('the example shipped in config/exercises validates, and plays in the order of its offsets', () => {
    const result = loadScenarioFile(join(process.cwd(), 'config/exercises/carrier-outage.yaml'), network);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.scenario.injects.map((i) => i.kind)).toEqual(['case', 'major-incident', 'alert', 'status', 'case', 'advisory', 'case', 'status']);
    expect(playOrder(result.scenario).map((p) => p.inject.at)).toEqual([0, 15, 20, 30, 45, 60, 90, 180]);
  });

  it('reports every problem at once, each with the pointer of what to fix', () => {
    const result = validateScenario(
      {
        title: '',
        injects: [
          { at: -1, kind: 'alert', from: 'contoso', title: 'x', body: 'y', severity: 'severe', tlp: 'TLP:PURPLE', audience: { sectors: ['space'] } },
          { at: 5, kind: 'status', sector: 'energy', state: 'affected' },
          { at: 10, kind: 'case', from: 'nobody', name: 'n', tlp: 'TLP:AMBER', colour: 'red' },
          { at: 20, kind: 'meteor' },
        ],
        extra: 1,
      },
      network,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { pointer: '/title', detail: 'must be a non-empty string' },
      { pointer: '/extra', detail: 'is not a field of a scenario (title, description, injects)' },
      { pointer: '/injects/0/at', detail: 'must be a whole number of minutes from the start, 0 to 10080' },
      { pointer: '/injects/0/from', detail: '"contoso" is a member; this inject needs a centre' },
      { pointer: '/injects/0/severity', detail: 'must be one of info, low, medium, high, critical (got "severe")' },
      { pointer: '/injects/0/tlp', detail: 'must be one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (got "TLP:PURPLE")' },
      { pointer: '/injects/0/audience/sectors/0', detail: 'must be one of telecom, energy, shipping, transport, health, finance (got "space")' },
      { pointer: '/injects/1/kind', detail: 'a status change needs a "major-incident" inject before it in the list' },
      { pointer: '/injects/2/colour', detail: 'is not a field of a "case" inject (from, name, description, tlp, severity, affectedSectors)' },
      { pointer: '/injects/2/from', detail: '"nobody" is not an organisation of the network' },
      { pointer: '/injects/3/kind', detail: 'must be one of major-incident, alert, advisory, case, status (got "meteor")' },
    ]);
  });

  it('a status change names a sector of the major incident, after its declaration', () => {
    const result = validateScenario(
      {
        title: 't',
        injects: [
          { at: 10, kind: 'major-incident', title: 'm', tlp: 'TLP:AMBER', sectors: ['telecom'] },
          { at: 5, kind: 'status', sector: 'telecom', state: 'affected' },
          { at: 20, kind: 'status', sector: 'energy', state: 'affected' },
          { at: 30, kind: 'major-incident', title: 'again', tlp: 'TLP:AMBER', sectors: ['energy'] },
        ],
      },
      network,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.pointer)).toEqual(['/injects/1/at', '/injects/2/sector', '/injects/3/kind']);
  });

  it('a file that is not YAML or JSON says so, with its name', () => {
    const yaml = parseScenarioText('title: [unclosed', 'broken.yaml', network);
    expect(yaml.ok ? '' : yaml.problems[0]!.detail).toMatch(/^broken\.yaml: not valid YAML: /);
    const json = parseScenarioText('{"title": "t", "injects": []}', 'empty.json', network);
    expect(json.ok ? [] : json.problems).toEqual([{ pointer: '/injects', detail: 'empty.json#/injects: must be a non-empty array of injects' }]);
  });
});
