/**
 * Monthly range partitions (pure): month arithmetic in UTC, partition names and the bounds of a
 * month for the two kinds of partition key the hub uses — a timestamp, and a UUIDv7 whose first 48
 * bits are the Unix time in milliseconds it was made at (RFC 9562 §5.7).
 */
export type PartitionKeyKind = 'timestamptz' | 'uuidv7';

/** The first millisecond (UTC) of the month `at` falls in. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

/** Every month from `first`'s to `last`'s, both included. */
export function monthsBetween(first: Date, last: Date): Date[] {
  const months: Date[] = [];
  for (let month = monthStart(first); month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** `y2026m01`: sorts as the months do, and says which month a partition holds. */
export function monthSuffix(month: Date): string {
  return `y${String(month.getUTCFullYear()).padStart(4, '0')}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function partitionName(table: string, month: Date): string {
  return `${table}_${monthSuffix(month)}`;
}

export function defaultPartitionName(table: string): string {
  return `${table}_default`;
}

const MAX_UUIDV7_MS = 2 ** 48 - 1;

/** The smallest UUID whose 48-bit time prefix is `at` (ms): every UUIDv7 made at or after `at` sorts at or above it. */
export function uuidV7Floor(at: Date): string {
  const ms = at.getTime();
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_UUIDV7_MS) throw new RangeError(`no UUIDv7 time prefix for ${at.toISOString?.() ?? at}`);
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The time a UUID's first 48 bits name, whatever its version (what range bounds are compared by). */
export function uuidTimePrefix(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}

/** The time a UUIDv7 was made at; null for any other version (a v4's first bits are random). */
export function uuidV7Time(id: string): Date | null {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id) ? uuidTimePrefix(id) : null;
}

/** The SQL literals of a month's range [from, to): timestamps in ISO form, or UUIDv7 floors. */
export function monthBounds(kind: PartitionKeyKind, month: Date): { from: string; to: string } {
  const start = monthStart(month);
  const next = addMonths(start, 1);
  return kind === 'uuidv7' ? { from: uuidV7Floor(start), to: uuidV7Floor(next) } : { from: start.toISOString(), to: next.toISOString() };
}

export interface MonthPartition {
  name: string;
  /** the range [from, to) as times: for a UUIDv7 key, the times its bounds' prefixes name */
  from: Date;
  to: Date;
}

/**
 * The partitions holding only keys older than `cutoff`: those whose range ends at or before it.
 * A partition straddling the cutoff stays whole until its last key is past it.
 */
export function partitionsWhollyBefore<P extends MonthPartition>(partitions: P[], cutoff: Date): P[] {
  return partitions.filter((p) => p.to.getTime() <= cutoff.getTime()).sort((a, b) => a.from.getTime() - b.from.getTime());
}
