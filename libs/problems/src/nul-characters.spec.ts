import { NulCharacterError, nulPointers, refuseNulInJsonBody, refuseNulInUrl } from './nul-characters.js';

describe('U+0000 in a request', () => {
  it('names the pointer of every value and key holding it', () => {
    expect(nulPointers({ title: 'a\u0000b', audience: { organisations: ['ok', '\u0000'] }, ['k\u0000']: 1, fine: 'x' }).map((p) => p.pointer)).toEqual([
      '/title',
      '/audience/organisations/1',
      '/k\u0000',
    ]);
    expect(nulPointers({ 'a/b': { '~': 'x\u0000' } }).map((p) => p.pointer)).toEqual(['/a~1b/~0']);
    expect(nulPointers('\u0000').map((p) => p.pointer)).toEqual(['']);
    expect(nulPointers({ title: 'clean', n: 1, t: true, z: null })).toEqual([]);
  });

  it('reports at most 20', () => {
    expect(nulPointers(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });

  it('refuses a JSON body with the escape, passes one without it, a literal backslash-u0000, and malformed JSON (left to the parser)', () => {
    const refused = (text: string) => {
      try {
        refuseNulInJsonBody(null, null, Buffer.from(text));
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(NulCharacterError);
        return (error as NulCharacterError).errors.map((e) => e.pointer);
      }
    };
    expect(refused('{"title":"a\\u0000b"}')).toEqual(['/title']);
    expect(refused('{"title":"plain"}')).toBeUndefined();
    expect(refused('{"title":"\\\\u0000"}')).toBeUndefined();
    expect(refused('{"title":"\\u0000"')).toBeUndefined();
  });
});

describe('U+0000 in a URL', () => {
  const outcome = (originalUrl: string) => {
    let passed: unknown = 'not called';
    refuseNulInUrl({ originalUrl } as never, {} as never, (error?: unknown) => (passed = error));
    return passed instanceof NulCharacterError ? passed.errors.map((e) => e.pointer) : passed;
  };

  it('passes a clean URL, names the query parameters holding %00, and the path', () => {
    expect(outcome('/api/v1/inbox?cursor=abc')).toBeUndefined();
    expect(outcome('/api/v1/inbox?cursor=a%00b&limit=5&unread=%00')).toEqual(['/cursor', '/unread']);
    expect(outcome('/api/v1/organisations/%00')).toEqual(['']);
  });
});
