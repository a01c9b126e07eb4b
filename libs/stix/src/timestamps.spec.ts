import { compareTimestamps, isStixTimestamp } from './timestamps.js';

describe('isStixTimestamp', () => {
  it.each(['2024-01-01T00:00:00Z', '2024-02-29T23:59:59.5Z', '2023-12-31T23:59:60Z', '2024-01-01T00:00:00.000000001Z'])('accepts %s', (ts) => {
    expect(isStixTimestamp(ts)).toBe(true);
  });
  it.each([
    '2024-01-01T00:00:00', // no Z
    '2024-01-01T00:00:00.Z', // a dot without digits
    '2024-01-01T00:00:00+00:00',
    '2024-01-01 00:00:00Z',
    '2023-02-29T00:00:00Z', // not a leap year
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:61Z',
    '2024-01-01T00:00:00.1aZ',
    '２024-01-01T00:00:00Z', // a non-ASCII digit
    '',
  ])('refuses %s', (ts) => {
    expect(isStixTimestamp(ts)).toBe(false);
  });
  it('refuses what is not a string', () => {
    expect(isStixTimestamp(20240101)).toBe(false);
    expect(isStixTimestamp(null)).toBe(false);
  });
});

describe('compareTimestamps', () => {
  it('orders by instant, whatever the precision', () => {
    expect(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00Z')).toBe(1);
    expect(compareTimestamps('2024-01-01T00:00:00.4999Z', '2024-01-01T00:00:00.5Z')).toBe(-1);
    expect(compareTimestamps('2024-01-01T00:00:00.0000001Z', '2024-01-01T00:00:00.000Z')).toBe(1);
    expect(compareTimestamps('2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00Z')).toBe(-1);
    expect(compareTimestamps('2024-01-02T00:00:00Z', '2024-01-01T23:59:59.9Z')).toBe(1);
  });
});
