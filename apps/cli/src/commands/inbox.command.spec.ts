import { receiptLine } from './inbox.command.js';

describe('receiptLine', () => {
  const base = { id: 'a1', advisoryId: 'a1', readAt: '2026-12-01T10:00:00.000Z' };
  it('an acknowledgement the hub recorded', () => expect(receiptLine({ ...base, requiresAck: true, acknowledgedAt: '2026-12-01T10:00:00.000Z' }, 'ack')).toBe('entry a1 acknowledged at 2026-12-01T10:00:00.000Z (advisory a1)'));
  it('an ack of an advisory that asks for none: only read, and why', () =>
    expect(receiptLine({ ...base, requiresAck: false, acknowledgedAt: null }, 'ack')).toBe('entry a1 marked read at 2026-12-01T10:00:00.000Z; not acknowledged: this advisory does not ask for acknowledgement'));
  it('a read', () => expect(receiptLine({ ...base, requiresAck: true, acknowledgedAt: null }, 'read')).toBe('entry a1 marked read at 2026-12-01T10:00:00.000Z'));
});
