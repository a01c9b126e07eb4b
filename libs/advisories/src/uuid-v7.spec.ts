import { uuidV7 } from './uuid-v7.js';

describe('uuidV7', () => {
  it('is a version 7, variant 10 UUID carrying the millisecond it was made in', () => {
    const at = Date.UTC(2026, 11, 1, 21, 40, 0, 123);
    const id = uuidV7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts by time across milliseconds, as text and as PostgreSQL orders uuids (bytewise)', () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 2000 }, (_, i) => uuidV7(start + i));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs within one millisecond: no two of 100,000 alike, and the random bits vary', () => {
    const at = Date.now();
    const ids = Array.from({ length: 100_000 }, () => uuidV7(at));
    expect(new Set(ids).size).toBe(ids.length);
    // every hex digit of the random tail shows up: the pool is refilled, not reused
    expect(new Set(ids.map((id) => id[35])).size).toBe(16);
  });
});
