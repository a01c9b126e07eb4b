import { linkKeysOf } from './link-keys.js';

describe('linkKeysOf', () => {
  it('an indicator pattern (white space aside), an observable id, an attack pattern by id and ATT&CK external id', () => {
    const keys = linkKeysOf([
      { type: 'indicator', id: 'indicator--1', pattern: "[ipv4-addr:value =  '203.0.113.7']", pattern_type: 'stix' },
      { type: 'ipv4-addr', id: 'ipv4-addr--a' },
      { type: 'attack-pattern', id: 'attack-pattern--b', external_references: [{ source_name: 'mitre-attack', external_id: 'T1486' }] },
      { type: 'identity', id: 'identity--c' },
      { type: 'indicator', id: 'indicator--2', pattern: 'rule x {}', pattern_type: 'yara' },
    ]);
    expect(keys.map((k) => `${k.basis} ${k.value}`)).toEqual([
      "indicator-pattern [ipv4-addr:value = '203.0.113.7']",
      'observable ipv4-addr--a',
      'attack-pattern attack-pattern--b',
      'attack-pattern T1486',
    ]);
  });

  it('the same value from two cases gives the same key; different bases never collide', () => {
    const [a] = linkKeysOf([{ type: 'indicator', pattern: "[ipv4-addr:value = '203.0.113.7']", pattern_type: 'stix' }]);
    const [b] = linkKeysOf([{ type: 'indicator', pattern: " [ipv4-addr:value = '203.0.113.7'] ", pattern_type: 'stix' }]);
    expect(a.keyHash).toBe(b.keyHash);
    const [c] = linkKeysOf([{ type: 'attack-pattern', id: 'x', external_references: [] }]);
    const [d] = linkKeysOf([{ type: 'ipv4-addr', id: 'x' }]);
    expect(c.keyHash).not.toBe(d.keyHash);
  });
});
