import { pointerFromPath, statusForCode } from './domain-error.js';

describe('statusForCode', () => {
  it.each([
    ['AUTH.UNAUTHENTICATED', 401],
    ['AUTH.ROLE_REQUIRED', 403],
    ['ORG.OUT_OF_SCOPE', 403],
    ['ORG.NOT_FOUND', 404],
    ['ORG.ALREADY_EXISTS', 409],
    ['INCIDENT.CLOSED', 409],
    ['MAJOR_INCIDENT.CLOSED', 422],
    ['REQUEST.VALIDATION_FAILED', 400],
    ['HEALTH.UNAVAILABLE', 503],
    ['SOMETHING.ELSE', 422],
  ])('%s → %d', (code, status) => expect(statusForCode(code)).toBe(status));
});

describe('pointerFromPath', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointerFromPath(['audience', 'sectors', 0])).toBe('/audience/sectors/0');
    expect(pointerFromPath(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(pointerFromPath([])).toBe('');
  });
});
