import { __test, stixIdentityFor, stixIdentityIdFor } from './stix-identity.js';

describe('stix identity', () => {
  it('implements RFC 4122 UUIDv5 (RFC test vector: "www.example.com" in the DNS namespace)', () => {
    expect(__test.uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives a stable identity id per slug', () => {
    expect(stixIdentityIdFor('energy')).toBe(stixIdentityIdFor('energy'));
    expect(stixIdentityIdFor('energy')).not.toBe(stixIdentityIdFor('health'));
    expect(stixIdentityIdFor('energy')).toMatch(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('builds a STIX 2.1 identity with the industry sector', () => {
    const createdAt = new Date('2026-01-02T03:04:05.000Z');
    const identity = stixIdentityFor({ slug: 'health', name: 'Health sector unit', kind: 'sector-unit', sector: 'health', createdAt });
    expect(identity).toMatchObject({
      type: 'identity',
      spec_version: '2.1',
      id: stixIdentityIdFor('health'),
      created: '2026-01-02T03:04:05.000Z',
      modified: '2026-01-02T03:04:05.000Z',
      identity_class: 'organization',
      sectors: ['healthcare'],
    });
    expect(stixIdentityFor({ slug: 'centre', name: 'C', kind: 'centre', sector: null, createdAt }).sectors).toEqual(['government-national']);
  });
});
