import { pointerFromPath } from './domain-error.js';

describe('pointerFromPath', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointerFromPath(['audience', 'sectors', 0])).toBe('/audience/sectors/0');
    expect(pointerFromPath(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(pointerFromPath([])).toBe('');
  });
});
