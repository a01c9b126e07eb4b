import { TlpError, audienceAllowed, effectiveIncidentTlp, requireAdvisoryTlp } from './markings.js';

describe('effectiveIncidentTlp', () => {
  it('treats an unmarked incident as TLP:AMBER+STRICT and keeps any marking', () => {
    expect(effectiveIncidentTlp(undefined)).toBe('TLP:AMBER+STRICT');
    expect(effectiveIncidentTlp('TLP:CLEAR')).toBe('TLP:CLEAR');
    expect(effectiveIncidentTlp('TLP:RED')).toBe('TLP:RED');
  });
});

describe('requireAdvisoryTlp', () => {
  function codeOf(input: string | null | undefined): string | undefined {
    try {
      requireAdvisoryTlp(input);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(TlpError);
      return (error as TlpError).code;
    }
  }

  it('returns the label, accepting TLP 1.0 WHITE as CLEAR', () => {
    expect(requireAdvisoryTlp('TLP:AMBER+STRICT')).toBe('TLP:AMBER+STRICT');
    expect(requireAdvisoryTlp('tlp:green')).toBe('TLP:GREEN');
    expect(requireAdvisoryTlp('TLP:WHITE')).toBe('TLP:CLEAR');
  });

  it.each<[string | null | undefined, string]>([
    [undefined, 'TLP.MISSING'],
    [null, 'TLP.MISSING'],
    ['', 'TLP.MISSING'],
    ['   ', 'TLP.MISSING'],
    ['AMBER', 'TLP.INVALID'],
    ['TLP:PURPLE', 'TLP.INVALID'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('carries a message naming the valid labels', () => {
    expect(() => requireAdvisoryTlp('TLP:PURPLE')).toThrow(/"TLP:PURPLE" is not a TLP label/);
  });
});

describe('audienceAllowed', () => {
  it.each<[Parameters<typeof audienceAllowed>[0], Parameters<typeof audienceAllowed>[1], 'allowed' | 'TLP.AUDIENCE_NOT_NAMED']>([
    ['TLP:CLEAR', { all: true }, 'allowed'],
    ['TLP:GREEN', { all: true }, 'allowed'],
    ['TLP:GREEN', { sectors: ['energy'] }, 'allowed'],
    ['TLP:AMBER', { sectors: ['energy', 'health'] }, 'allowed'],
    ['TLP:AMBER', { organisations: ['health'] }, 'allowed'],
    ['TLP:AMBER+STRICT', { organisations: ['health'] }, 'allowed'],
    ['TLP:AMBER+STRICT', { organisations: ['health'], sectors: [] }, 'allowed'],
    ['TLP:AMBER+STRICT', { organisations: ['health'], all: false }, 'allowed'],
    ['TLP:AMBER+STRICT', { all: true }, 'TLP.AUDIENCE_NOT_NAMED'],
    ['TLP:AMBER+STRICT', { sectors: ['energy'] }, 'TLP.AUDIENCE_NOT_NAMED'],
    ['TLP:RED', { organisations: ['health', 'centre'] }, 'allowed'],
    ['TLP:RED', { all: true, organisations: ['health'] }, 'TLP.AUDIENCE_NOT_NAMED'],
    ['TLP:RED', { sectors: ['health'], organisations: ['centre'] }, 'TLP.AUDIENCE_NOT_NAMED'],
    ['TLP:RED', { organisations: [] }, 'TLP.AUDIENCE_NOT_NAMED'],
    ['TLP:RED', {}, 'TLP.AUDIENCE_NOT_NAMED'],
  ])('%s to %j → %s', (tlp, audience, expected) => {
    const decision = audienceAllowed(tlp, audience);
    expect(decision.allowed ? 'allowed' : decision.code).toBe(expected);
  });

  it('says what is wrong with the audience', () => {
    expect(audienceAllowed('TLP:RED', { all: true, sectors: ['energy'] })).toEqual({
      allowed: false,
      code: 'TLP.AUDIENCE_NOT_NAMED',
      reason: 'TLP:RED may only be addressed to named organisations: not to everybody; not to whole sectors; at least one organisation must be named.',
    });
  });
});
