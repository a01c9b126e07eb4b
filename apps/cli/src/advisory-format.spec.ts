import { receiptChanges, receiptsSummary, receiptsTable, type ReceiptView } from './advisory-format.js';

const receipt = (slug: string, extra: Partial<ReceiptView> = {}): ReceiptView => ({
  organisation: { id: `id-${slug}`, slug },
  forwardedBy: null,
  deliveredAt: '2026-11-24T10:00:00.000Z',
  readAt: null,
  acknowledgedAt: null,
  escalatedAt: null,
  webhook: null,
  ...extra,
});

describe('receipts on the terminal', () => {
  it('sums up who acknowledged and names who did not', () => {
    const receipts = [receipt('health'), receipt('energy', { readAt: '2026-11-24T10:01:00Z', acknowledgedAt: '2026-11-24T10:02:00Z' }), receipt('litware', { readAt: '2026-11-24T10:03:00Z' })];
    expect(receiptsSummary(receipts)).toBe('3 delivered, 2 read, 1 acknowledged; not acknowledged: health,litware');
    const rows = receiptsTable(receipts);
    expect(rows[0]).toMatch(/^ORGANISATION\s+DELIVERED\s+READ\s+ACKNOWLEDGED\s+ESCALATED\s+WEBHOOK$/);
    expect(rows.slice(1).map((r) => r.split(' ')[0])).toEqual(['energy', 'health', 'litware']);
    expect(rows[1]).toMatch(/^energy\s+2026-11-24 10:00Z\s+2026-11-24 10:01Z\s+2026-11-24 10:02Z\s+-\s+-$/);
  });

  it('prints each change once between two looks', () => {
    const before = new Map([['id-energy', receipt('energy')]]);
    const after = [receipt('energy', { readAt: '2026-11-24T10:01:00Z', acknowledgedAt: '2026-11-24T10:02:00Z' }), receipt('health')];
    expect(receiptChanges(before, after)).toEqual(['2026-11-24 10:01Z  energy read', '2026-11-24 10:02Z  energy acknowledged', '2026-11-24 10:00Z  health delivered']);
    const seen = new Map(after.map((r) => [r.organisation.id, r]));
    expect(receiptChanges(seen, after)).toEqual([]);
  });
});
