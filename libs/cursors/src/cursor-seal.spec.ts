import { randomBytes } from 'node:crypto';
import { CursorSeal } from './cursor-seal.js';

describe('CursorSeal', () => {
  const seal = new CursorSeal(randomBytes(32));
  const position = ['2026-12-03 10:00:00.123456+00', 'indicator--5c1e8a3f-0d2b-4f6a-8e9c-7b1a2d3c4e5f', '2026-12-03T10:00:00.000Z'];

  it('opens what it sealed, for the same purpose only', () => {
    const text = seal.seal('taxii', position);
    expect(seal.open('taxii', text)).toEqual(position);
    expect(seal.open('incidents', text)).toBeUndefined();
  });

  it('reveals nothing of the position: no id, no time, and the same length for short and long ids', () => {
    const text = seal.seal('taxii', position);
    const decoded = Buffer.from(text, 'base64url').toString('latin1');
    expect(decoded).not.toContain('indicator');
    expect(decoded).not.toContain('2026');
    expect(text).not.toBe(seal.seal('taxii', position));
    const longer = ['2026-12-03 10:00:00.123456+00', 'x-some-longer-custom-type--5c1e8a3f-0d2b-4f6a-8e9c-7b1a2d3c4e5f', ''];
    expect(seal.seal('taxii', longer).length).toBe(text.length);
  });

  it('refuses a tampered, truncated, foreign or malformed cursor', () => {
    const text = seal.seal('audit', { before: '12' });
    const raw = Buffer.from(text, 'base64url');
    raw[20] ^= 1;
    expect(seal.open('audit', raw.toString('base64url'))).toBeUndefined();
    expect(seal.open('audit', text.slice(0, -4))).toBeUndefined();
    expect(new CursorSeal(randomBytes(32)).open('audit', text)).toBeUndefined();
    expect(seal.open('audit', Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url'))).toBeUndefined();
    expect(seal.open('audit', 'not a cursor!')).toBeUndefined();
    expect(seal.open('audit', 'A'.repeat(5000))).toBeUndefined();
  });
});
