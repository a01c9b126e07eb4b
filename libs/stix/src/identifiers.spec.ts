import { isIdentifier, isTypeName, parseIdentifier } from './identifiers.js';
import { compareTimestamps, isStixTimestamp } from './timestamps.js';

describe('identifiers (§2.9)', () => {
  it.each([
    ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', true],
    ['ipv4-addr--ff26c255-6336-5bc5-b98d-13d6226742dd', true],
    ['x-mitre-tactic--2F4A7D5C-0C9B-4C1A-8F1E-3D2B1A0C9E8F', true],
    ['relationship--1621d4d4-b67d-11e3-9670-f01faf20d111', true],
    ['indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f', false], // version 0
    ['indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f', false], // variant 110x
    ['indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f', false],
    ['Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', false],
    ['in--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', false],
    ['--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', false],
    [7, false],
  ])('isIdentifier(%j) is %s', (value, expected) => {
    expect(isIdentifier(value)).toBe(expected);
  });

  it('parses type, uuid and version', () => {
    expect(parseIdentifier('file--ced31cd4-bdcb-537d-aefa-92d291bfc11d')).toEqual({
      type: 'file',
      uuid: 'ced31cd4-bdcb-537d-aefa-92d291bfc11d',
      version: 5,
    });
  });

  it.each([
    ['attack-pattern', true],
    ['x-acme', true],
    ['ab', false],
    ['-abc', false],
    ['abc-', false],
    ['a--b', false],
    ['a_b_c', false],
    ['a'.repeat(251), false],
  ])('isTypeName(%j) is %s', (value, expected) => {
    expect(isTypeName(value)).toBe(expected);
  });
});

describe('timestamps (RFC 3339, UTC, Z)', () => {
  it.each([
    ['2016-05-12T08:17:27Z', true],
    ['2016-05-12T08:17:27.000Z', true],
    ['2016-05-12T08:17:27.123456789Z', true],
    ['2016-12-31T23:59:60Z', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2016-05-12T08:17:27', false],
    ['2016-05-12T08:17:27+00:00', false],
    ['2016-05-12 08:17:27Z', false],
    ['2016-05-12T08:17:27.Z', false],
    ['2016-05-12t08:17:27z', false],
    ['2016-13-12T08:17:27Z', false],
    ['2016-05-12T24:00:00Z', false],
    [20160512, false],
  ])('isStixTimestamp(%j) is %s', (value, expected) => {
    expect(isStixTimestamp(value)).toBe(expected);
  });

  it('orders timestamps exactly, fraction digits included', () => {
    expect(compareTimestamps('2016-05-12T08:17:27Z', '2016-05-12T08:17:27.000Z')).toBe(0);
    expect(compareTimestamps('2016-05-12T08:17:27.0001Z', '2016-05-12T08:17:27.00011Z')).toBe(-1);
    expect(compareTimestamps('2017-01-01T00:00:00Z', '2016-12-31T23:59:60.5Z')).toBe(1);
  });
});
