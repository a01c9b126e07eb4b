import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** A century: any longer is "forever", which is 0. */
const MAX_DAYS = 36_500;

/** Why RETENTION_AUDIT_DAYS breaks the floor, or undefined when it keeps to it. */
function auditFloorProblem(days: unknown, floor: unknown): string | undefined {
  if (typeof days !== 'number' || typeof floor !== 'number' || days === 0 || days >= floor) return undefined;
  return `is below RETENTION_AUDIT_MIN_DAYS (${floor}): the audit log is kept at least that long; set 0 (keep forever) or at least ${floor} days`;
}

/**
 * How long the hub keeps each kind of record (issue 20), in days; 0 keeps it forever. The retention
 * job of the worker removes what is older: the inbox and the audit log by whole monthly partitions,
 * TAXII statuses and closed cases by rows. Part of AppConfig (which extends this class).
 */
export class RetentionSettings {
  /** Inbox entries (with their receipts), by the age of their advisory. */
  @Max(MAX_DAYS)
  @Min(0)
  @IsInt({ message: 'must be an integer number of days (0: keep forever)' })
  @Transform(toInt)
  RETENTION_INBOX_DAYS = 0;

  /** The audit log of reads; never below RETENTION_AUDIT_MIN_DAYS unless 0 (forever). */
  @ValidateBy({
    name: 'auditFloor',
    validator: {
      validate: (value, args) => auditFloorProblem(value, (args?.object as RetentionSettings | undefined)?.RETENTION_AUDIT_MIN_DAYS) === undefined,
      defaultMessage: (args) => auditFloorProblem(args?.value, (args?.object as RetentionSettings | undefined)?.RETENTION_AUDIT_MIN_DAYS) ?? '',
    },
  })
  @Max(MAX_DAYS)
  @Min(0)
  @IsInt({ message: 'must be an integer number of days (0: keep forever)' })
  @Transform(toInt)
  RETENTION_AUDIT_DAYS = 0;

  /** The floor of RETENTION_AUDIT_DAYS: an operator's policy that a shorter setting cannot undercut by mistake. */
  @Max(MAX_DAYS)
  @Min(1)
  @IsInt({ message: 'must be an integer number of days, at least 1' })
  @Transform(toInt)
  RETENTION_AUDIT_MIN_DAYS = 365;

  /** Finished TAXII statuses (§4.3), by request time; pending ones stay until their envelope is processed. */
  @Max(MAX_DAYS)
  @Min(0)
  @IsInt({ message: 'must be an integer number of days (0: keep forever)' })
  @Transform(toInt)
  RETENTION_TAXII_STATUS_DAYS = 30;

  /** Closed incident cases with their timeline, messages and links, by the time they were closed; open cases are never removed. */
  @Max(MAX_DAYS)
  @Min(0)
  @IsInt({ message: 'must be an integer number of days (0: keep forever)' })
  @Transform(toInt)
  RETENTION_CLOSED_CASES_DAYS = 0;
}
