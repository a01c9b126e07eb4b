import { readCredentials } from './credentials.js';

describe('readCredentials', () => {
  it('finds no credentials in an absent or blank header', () => {
    expect(readCredentials(undefined)).toEqual({ kind: 'none' });
    expect(readCredentials('  ')).toEqual({ kind: 'none' });
  });

  it('reads a bearer key, scheme case-insensitive', () => {
    expect(readCredentials('Bearer isac_abc.def')).toEqual({ kind: 'key', key: 'isac_abc.def', scheme: 'bearer' });
    expect(readCredentials('bearer k')).toEqual({ kind: 'key', key: 'k', scheme: 'bearer' });
  });

  it('reads the key from basic auth password, whatever the user name', () => {
    const header = 'Basic ' + Buffer.from('opencti:isac_abc.def:with-colon').toString('base64');
    expect(readCredentials(header)).toEqual({ kind: 'key', key: 'isac_abc.def:with-colon', scheme: 'basic' });
  });

  it.each([
    ['Bearer', 'must be'],
    ['Token abc', 'unsupported authorization scheme "Token"'],
    ['Basic ' + Buffer.from('nocolon').toString('base64'), 'user:key'],
    ['Basic ' + Buffer.from('user:').toString('base64'), 'no key'],
    ['Bearer a b', 'must be'],
  ])('calls %j malformed', (header, reason) => {
    const result = readCredentials(header);
    expect(result.kind).toBe('malformed');
    expect((result as { reason: string }).reason).toContain(reason);
  });
});
