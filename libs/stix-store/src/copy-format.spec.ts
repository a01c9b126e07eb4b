import { copyField, copyRow } from './copy-format.js';

describe('COPY text format', () => {
  it('writes NULL as \\N and booleans as t/f', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
  });
  it('escapes backslash, newline, carriage return and tab, and nothing else', () => {
    expect(copyField('{"a":"x\\"y","b":"\\n"}')).toBe('{"a":"x\\\\"y","b":"\\\\n"}');
    expect(copyField('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(copyField('plain "json" ünïcödé')).toBe('plain "json" ünïcödé');
    expect(copyField('\\N')).toBe('\\\\N'); // the text \N, not NULL
  });
  it('a row is tab-separated and newline-terminated', () => {
    expect(copyRow(['indicator--1', null, true, 'x\ty'])).toBe('indicator--1\t\\N\tt\tx\\ty\n');
  });
});
