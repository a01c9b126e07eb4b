import { randomBytes, randomUUID } from 'node:crypto';
import { CursorSeal } from '@isac/cursors';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('advisory and inbox cursors', () => {
  it('round-trip sealed for their own listing; anything else is not a cursor', () => {
    const seal = new CursorSeal(randomBytes(32));
    const at = new Date('2026-11-24T10:00:00.123Z');
    const id = randomUUID();
    const cursor = encodeCursor(seal, 'advisories', { at, id });
    expect(decodeCursor(seal, 'advisories', cursor)).toEqual({ at: at.toISOString(), id });
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain(id);
    expect(decodeCursor(seal, 'inbox', cursor)).toBeUndefined();
    expect(decodeCursor(seal, 'advisories', 'AAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(decodeCursor(seal, 'advisories', Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url'))).toBeUndefined();
  });
});
