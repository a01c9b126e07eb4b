// STIX 2.1 (timestamp type): timestamps are RFC 3339 `YYYY-MM-DDTHH:mm:ss[.s+]Z` — UTC, always ending in `Z`.

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isStixTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    // RFC 3339 §5.6 allows a leap second (60).
    second <= 60
  );
}

/**
 * Orders two valid STIX timestamps exactly, including sub-millisecond digits that a Date would
 * drop: the fixed-width prefix compares lexically, the fraction compares once padded.
 */
export function compareTimestamps(a: string, b: string): number {
  const key = (ts: string): string => {
    const body = ts.slice(0, -1);
    const dot = body.indexOf('.');
    const whole = dot < 0 ? body : body.slice(0, dot);
    const fraction = dot < 0 ? '' : body.slice(dot + 1);
    return whole + '.' + fraction.padEnd(32, '0');
  };
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
