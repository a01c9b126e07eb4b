import { jsonDepthExceeds, refuseDeepJsonBody, JsonTooDeepError, MAX_JSON_DEPTH } from './json-depth.js';

const depth = (text: string, limit: number) => jsonDepthExceeds(Buffer.from(text), limit);

describe('JSON nesting depth at the edge', () => {
  it('counts arrays and objects within each other, the body itself as one', () => {
    expect(depth('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(depth('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(depth('[[],[],[],[]]', 2)).toBe(false);
    expect(depth('1', 0)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(depth('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(depth('{"a":"\\"[[[[","b":"\\\\"}', 1)).toBe(false);
    expect(depth('{"a":"\\\\","b":[[1]]}', 2)).toBe(true);
  });

  it('refuses 100,000 levels with an error the problem filter maps to a 400, and passes the deepest allowed', () => {
    expect(() => refuseDeepJsonBody(null, null, Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)))).toThrow(JsonTooDeepError);
    const error = (() => {
      try {
        refuseDeepJsonBody(null, null, Buffer.from('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1)));
      } catch (e) {
        return e as JsonTooDeepError;
      }
    })();
    expect(error).toMatchObject({ status: 400, type: 'entity.too.deep' });
    expect(() => refuseDeepJsonBody(null, null, Buffer.from('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).not.toThrow();
  });
});
