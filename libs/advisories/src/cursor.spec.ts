import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trips a position and refuses anything else', () => {
    const at = new Date('2026-11-24T00:00:00.123Z');
    const id = '0b6c3c39-8a4e-4c55-9d0c-8d1e7f1f8a11';
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at: at.toISOString(), id });
    expect(decodeCursor('AAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify(['yesterday', id])).toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify([at.toISOString(), "'; DROP TABLE"])).toString('base64url'))).toBeUndefined();
  });
});
