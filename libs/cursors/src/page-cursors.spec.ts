import { randomBytes, randomUUID } from 'node:crypto';
import { CursorSeal } from './cursor-seal.js';
import { PageCursors } from './page-cursors.js';

describe('PageCursors', () => {
  const seal = new CursorSeal(randomBytes(32));
  const cursors = new PageCursors(seal);
  const at = new Date('2026-11-24T10:00:00.123Z');
  const id = randomUUID();

  it('round-trips a keyset position sealed for its own list; every other list refuses it', () => {
    const next = cursors.next('advisories', { at, id });
    expect(cursors.open('advisories', next)).toEqual({ at, id });
    expect(Buffer.from(next, 'base64url').toString('latin1')).not.toContain(id);
    for (const other of ['inbox', 'incidents', 'audit'] as const) expect(cursors.open(other, next)).toBeUndefined();
  });

  it('round-trips an audit entry id and refuses an id of the caller choosing, sealed or not', () => {
    const next = cursors.next('audit', { id: '1234' });
    expect(cursors.open('audit', next)).toEqual({ id: '1234' });
    expect(cursors.open('audit', '1234')).toBeUndefined();
    // sealed for the audit log but not an entry id (a bigint has at most 18 digits here)
    expect(cursors.open('audit', seal.seal('audit', '9'.repeat(19)))).toBeUndefined();
    expect(cursors.open('incidents', next)).toBeUndefined();
  });

  it('refuses a cursor sealed under another key, a forged position and a sealed one of the wrong shape', () => {
    expect(new PageCursors(new CursorSeal(randomBytes(32))).open('inbox', cursors.next('inbox', { at, id }))).toBeUndefined();
    expect(cursors.open('advisories', 'AAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(cursors.open('advisories', Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url'))).toBeUndefined();
    expect(cursors.open('incidents', seal.seal('incidents', [at.toISOString(), 'not-a-uuid']))).toBeUndefined();
    expect(cursors.open('incidents', seal.seal('incidents', ['yesterday', id]))).toBeUndefined();
    expect(cursors.open('incidents', seal.seal('incidents', { at: at.toISOString(), id }))).toBeUndefined();
  });
});
