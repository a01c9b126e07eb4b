import { addMonths, monthsBetween, monthStart } from '@isac/partitions';

/** Days each kind is kept (0: forever), as RetentionSettings of @isac/config gives them. */
export interface RetentionDays {
  RETENTION_INBOX_DAYS: number;
  RETENTION_AUDIT_DAYS: number;
  RETENTION_AUDIT_MIN_DAYS: number;
  RETENTION_TAXII_STATUS_DAYS: number;
  RETENTION_CLOSED_CASES_DAYS: number;
}

/** What one run does: the months whose partitions must exist, and for each kind the time before which it goes (null: kept forever). */
export interface RetentionPlan {
  months: Date[];
  inboxBefore: Date | null;
  auditBefore: Date | null;
  taxiiStatusesBefore: Date | null;
  closedCasesBefore: Date | null;
}

/** Partitions are made for this month and the next three. */
export const MONTHS_AHEAD = 3;

const DAY_MS = 86_400_000;

function before(now: Date, days: number): Date | null {
  return days > 0 ? new Date(now.getTime() - days * DAY_MS) : null;
}

export function retentionPlan(days: RetentionDays, now: Date): RetentionPlan {
  const thisMonth = monthStart(now);
  return {
    months: monthsBetween(thisMonth, addMonths(thisMonth, MONTHS_AHEAD)),
    inboxBefore: before(now, days.RETENTION_INBOX_DAYS),
    // the boot refuses a setting below the floor; the floor holds here too, whatever config says
    auditBefore: before(now, days.RETENTION_AUDIT_DAYS > 0 ? Math.max(days.RETENTION_AUDIT_DAYS, days.RETENTION_AUDIT_MIN_DAYS) : 0),
    taxiiStatusesBefore: before(now, days.RETENTION_TAXII_STATUS_DAYS),
    closedCasesBefore: before(now, days.RETENTION_CLOSED_CASES_DAYS),
  };
}
