import { statusResource, taxiiTimestamp, type StatusRecord } from './resources.js';

const detail = (n: number) => ({ id: `indicator--00000000-0000-4000-8000-00000000000${n}`, version: '2026-05-01T00:00:00.000Z' });

describe('statusResource (TAXII 2.1 §4.3.1)', () => {
  const pending: StatusRecord = { id: 'a1b2c3d4-0000-4000-8000-000000000000', status: 'pending', requestTimestamp: '2026-05-01T12:00:00.123Z', successes: [], failures: [], pendings: [detail(1), detail(2)] };

  it('leaves out a list with nothing in it (§2: empty lists are prohibited); the counts stay, at 0', () => {
    const resource = statusResource(pending);
    expect(Object.keys(resource).sort()).toEqual(['failure_count', 'id', 'pending_count', 'pendings', 'request_timestamp', 'status', 'success_count', 'total_count'].sort());
    expect(resource).toEqual(expect.objectContaining({ total_count: 2, success_count: 0, failure_count: 0, pending_count: 2, pendings: [detail(1), detail(2)] }));
  });

  it('a completed status lists its successes and failures, and no pendings', () => {
    const resource = statusResource({ ...pending, status: 'complete', pendings: [], successes: [detail(1)], failures: [{ ...detail(2), message: 'no TLP marking' }] });
    expect(resource).not.toHaveProperty('pendings');
    expect(resource).toEqual(expect.objectContaining({ total_count: 2, success_count: 1, successes: [detail(1)], failure_count: 1, failures: [{ ...detail(2), message: 'no TLP marking' }], pending_count: 0 }));
  });

  it('request_timestamp is a TAXII timestamp: microsecond precision, Z (§2 timestamp)', () => {
    expect(statusResource(pending).request_timestamp).toBe('2026-05-01T12:00:00.123000Z');
  });
});

describe('taxiiTimestamp (§2: YYYY-MM-DDTHH:MM:SS.ssssssZ)', () => {
  it.each([
    ['2026-05-01T12:00:00.123Z', '2026-05-01T12:00:00.123000Z'],
    ['2026-05-01T12:00:00Z', '2026-05-01T12:00:00.000000Z'],
    ['2026-05-01T12:00:00.1234567Z', '2026-05-01T12:00:00.123456Z'],
    ['2026-05-01T12:00:00.654321Z', '2026-05-01T12:00:00.654321Z'],
  ])('%s is written %s', (input, written) => expect(taxiiTimestamp(input)).toBe(written));

  it('refuses what is not a UTC RFC 3339 timestamp', () => {
    expect(() => taxiiTimestamp('2026-05-01T12:00:00+02:00')).toThrow(/not an RFC 3339 UTC timestamp/);
    expect(() => taxiiTimestamp('2026-05-01T12:00:00123Z')).toThrow();
  });
});
