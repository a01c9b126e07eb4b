import { retentionPlan, type RetentionDays } from './retention-plan.js';

const forever: RetentionDays = {
  RETENTION_INBOX_DAYS: 0,
  RETENTION_AUDIT_DAYS: 0,
  RETENTION_AUDIT_MIN_DAYS: 365,
  RETENTION_TAXII_STATUS_DAYS: 0,
  RETENTION_CLOSED_CASES_DAYS: 0,
};
const now = new Date('2026-12-07T03:17:00.000Z');

describe('retentionPlan', () => {
  it('keeps every kind forever at 0 days, and makes this month and the next three', () => {
    const plan = retentionPlan(forever, now);
    expect(plan).toMatchObject({ inboxBefore: null, auditBefore: null, taxiiStatusesBefore: null, closedCasesBefore: null });
    expect(plan.months.map((m) => m.toISOString().slice(0, 7))).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
  });

  it('counts each kind back from now by its own days', () => {
    const plan = retentionPlan(
      { ...forever, RETENTION_INBOX_DAYS: 90, RETENTION_AUDIT_DAYS: 400, RETENTION_TAXII_STATUS_DAYS: 30, RETENTION_CLOSED_CASES_DAYS: 1 },
      now,
    );
    expect(plan.inboxBefore!.toISOString()).toBe('2026-09-08T03:17:00.000Z');
    expect(plan.auditBefore!.toISOString()).toBe('2025-11-02T03:17:00.000Z');
    expect(plan.taxiiStatusesBefore!.toISOString()).toBe('2026-11-07T03:17:00.000Z');
    expect(plan.closedCasesBefore!.toISOString()).toBe('2026-12-06T03:17:00.000Z');
  });

  it('never cuts the audit log below its floor, even if handed a shorter setting', () => {
    expect(retentionPlan({ ...forever, RETENTION_AUDIT_DAYS: 10, RETENTION_AUDIT_MIN_DAYS: 365 }, now).auditBefore!.toISOString()).toBe(
      '2025-12-07T03:17:00.000Z',
    );
  });
});
