import {
  audienceText,
  inboxLine,
  inboxMatches,
  receiptChanges,
  receiptsSummary,
  receiptsTable,
  type InboxEntryView,
  type ReceiptView,
} from './advisory-format.js';

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
    const receipts = [
      receipt('health'),
      receipt('energy', { readAt: '2026-11-24T10:01:00Z', acknowledgedAt: '2026-11-24T10:02:00Z' }),
      receipt('litware', { readAt: '2026-11-24T10:03:00Z' }),
    ];
    expect(receiptsSummary(receipts)).toBe('3 delivered, 2 read, 1 acknowledged; not acknowledged: health,litware');
    const rows = receiptsTable(receipts);
    expect(rows[0]).toMatch(/^ORGANISATION\s+DELIVERED\s+READ\s+ACKNOWLEDGED\s+ESCALATED\s+WEBHOOK$/);
    expect(rows.slice(1).map((r) => r.split(' ')[0])).toEqual(['energy', 'health', 'litware']);
    expect(rows[1]).toMatch(/^energy\s+2026-11-24 10:00Z\s+2026-11-24 10:01Z\s+2026-11-24 10:02Z\s+-\s+-$/);
  });

  it('adds the recipients a targeted audience found in registers the author may not read as counts, never names (issue 18)', () => {
    const receipts = [receipt('lamna-hospital', { readAt: '2026-11-24T10:01:00Z' })];
    const exposure = { matchedOrganisations: 2, unnamedReceipts: { delivered: 1, read: 1, acknowledged: 0 } };
    expect(receiptsSummary(receipts, exposure)).toBe(
      '1 delivered, 1 read, 0 acknowledged; not acknowledged: lamna-hospital; plus 1 not named (registers you may not read): 1 read, 0 acknowledged',
    );
    expect(receiptsSummary(receipts, { matchedOrganisations: 1, unnamedReceipts: { delivered: 0, read: 0, acknowledged: 0 } })).toBe(receiptsSummary(receipts));
  });

  it('prints each change once between two looks', () => {
    const before = new Map([['id-energy', receipt('energy')]]);
    const after = [receipt('energy', { readAt: '2026-11-24T10:01:00Z', acknowledgedAt: '2026-11-24T10:02:00Z' }), receipt('health')];
    expect(receiptChanges(before, after)).toEqual([
      '2026-11-24 10:01Z  energy read',
      '2026-11-24 10:02Z  energy acknowledged',
      '2026-11-24 10:00Z  health delivered',
    ]);
    const seen = new Map(after.map((r) => [r.organisation.id, r]));
    expect(receiptChanges(seen, after)).toEqual([]);
  });
});

describe('targeted warnings on the terminal (issue 18)', () => {
  const cpe = 'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*';
  const entry: InboxEntryView = {
    id: 'a1',
    forwardedBy: null,
    deliveredAt: '2026-11-24T10:00:00.000Z',
    readAt: null,
    acknowledgedAt: null,
    advisory: {
      id: 'a1',
      kind: 'advisory',
      title: 'Connect Secure before 22.7R2.5',
      body: 'Patch.',
      severity: 'critical',
      tlp: 'TLP:AMBER',
      audience: { products: [{ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*', versionEndExcluding: '22.7R2.5' }], dependsOn: ['fabrikam'] },
      author: { id: 'c', slug: 'centre' },
      requiresAck: false,
      ackDeadline: null,
      expiresAt: null,
      createdAt: '2026-11-24T10:00:00.000Z',
      matched: [{ entry: 'Grid control remote access', products: [cpe], dependsOn: ['fabrikam'] }],
    },
  };

  it("says what of the reader's own register matched, and the audience as written", () => {
    expect(inboxMatches([entry])).toEqual([`entry a1 matched your register: Grid control remote access: runs ${cpe}; depends on fabrikam`]);
    expect(inboxLine(entry, false)).toContain(`you matched: Grid control remote access: runs ${cpe}`);
    expect(audienceText(entry.advisory.audience)).toBe('running cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:* before 22.7R2.5; depending on fabrikam');
    expect(inboxMatches([{ ...entry, advisory: { ...entry.advisory, matched: undefined } }])).toEqual([]);
  });
});
