import { cliEnvironment } from '../cli-config.js';
import { commaList, useColour } from './context.js';

describe('command context', () => {
  it('colours only a terminal, and not when NO_COLOR is set', () => {
    expect(useColour({ isTTY: true }, cliEnvironment({}, '/h'))).toBe(true);
    expect(useColour({ isTTY: true }, cliEnvironment({ NO_COLOR: '1' }, '/h'))).toBe(false);
    expect(useColour({ isTTY: false }, cliEnvironment({}, '/h'))).toBe(false);
    expect(useColour({}, cliEnvironment({}, '/h'))).toBe(false);
  });

  it('reads comma-separated lists, repeated options adding up', () => {
    expect(commaList('energy, health,')).toEqual(['energy', 'health']);
    expect(commaList('litware', ['energy'])).toEqual(['energy', 'litware']);
  });
});
