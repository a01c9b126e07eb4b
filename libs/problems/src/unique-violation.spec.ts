import { isUniqueViolation } from './unique-violation.js';

describe('isUniqueViolation', () => {
  const raw = { code: '23505', constraint: 'deliveries_advisory_org' };

  it('tells a unique violation, raw or wrapped by TypeORM, and on which constraint', () => {
    expect(isUniqueViolation(raw)).toBe(true);
    expect(isUniqueViolation({ driverError: raw })).toBe(true);
    expect(isUniqueViolation(raw, 'deliveries_advisory_org')).toBe(true);
    expect(isUniqueViolation({ driverError: raw }, 'deliveries_advisory_org')).toBe(true);
    expect(isUniqueViolation(raw, 'PK_stix_objects')).toBe(false);
  });

  it('is false for anything else', () => {
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation({ driverError: { code: '22P02' } })).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    for (const nothing of [null, undefined, '23505', 23505]) expect(isUniqueViolation(nothing)).toBe(false);
  });
});
