import {
  addMonths,
  monthBounds,
  monthsBetween,
  monthStart,
  partitionName,
  partitionsWhollyBefore,
  uuidTimePrefix,
  uuidV7Floor,
  uuidV7Time,
} from './monthly-ranges.js';

describe('monthly ranges', () => {
  it('count months in UTC', () => {
    expect(monthStart(new Date('2026-12-31T23:59:59.999Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(addMonths(new Date('2026-11-01T00:00:00Z'), 2).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(monthsBetween(new Date('2026-11-15T00:00:00Z'), new Date('2027-02-01T00:00:00Z')).map((m) => m.toISOString().slice(0, 7))).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(partitionName('deliveries', new Date('2027-01-01T00:00:00Z'))).toBe('deliveries_y2027m01');
  });

  it('bound a month of UUIDv7 ids by the first 48 bits: the millisecond the month starts at', () => {
    const { from, to } = monthBounds('uuidv7', new Date('2026-12-07T03:00:00Z'));
    expect(from).toBe(uuidV7Floor(new Date('2026-12-01T00:00:00Z')));
    expect(to).toBe(uuidV7Floor(new Date('2027-01-01T00:00:00Z')));
    expect(from).toBe(
      `${Date.UTC(2026, 11, 1)
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})(.{4})$/, '$1-$2')}-0000-0000-000000000000`,
    );
    expect(uuidTimePrefix(from).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // an id of the month's last millisecond sorts below the next month's floor, one of its first at or above its own floor
    const last = `${(Date.UTC(2027, 0, 1) - 1)
      .toString(16)
      .padStart(12, '0')
      .replace(/^(.{8})(.{4})$/, '$1-$2')}-7fff-bfff-ffffffffffff`;
    expect(last < to && last > from).toBe(true);
    expect(uuidV7Time(last)!.toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });

  it('bound a month of timestamps in ISO form', () => {
    expect(monthBounds('timestamptz', new Date('2026-02-14T12:00:00Z'))).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
  });

  it('read the time of UUIDv7 ids only', () => {
    expect(uuidV7Time('01a24e70-91a0-79ab-a432-f42220541f64')!.toISOString()).toBe('2026-12-07T02:58:49.888Z');
    expect(uuidV7Time('0f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5')).toBeNull();
  });

  it('pick the partitions whose whole range ends by the cutoff, oldest first', () => {
    const month = (iso: string) => ({ name: iso, from: new Date(iso), to: addMonths(new Date(iso), 1) });
    const partitions = [month('2026-10-01T00:00:00Z'), month('2026-08-01T00:00:00Z'), month('2026-09-01T00:00:00Z')];
    expect(partitionsWhollyBefore(partitions, new Date('2026-10-01T00:00:00Z')).map((p) => p.name)).toEqual(['2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z']);
    // the month the cutoff falls in keeps its rows, also those older than the cutoff
    expect(partitionsWhollyBefore(partitions, new Date('2026-09-30T23:59:59Z')).map((p) => p.name)).toEqual(['2026-08-01T00:00:00Z']);
  });
});
