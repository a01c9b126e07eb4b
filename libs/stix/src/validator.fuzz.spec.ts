// No exception ever escapes validateBundle, validateObject or parsePattern, whatever JSON (or
// JavaScript value) arrives: random values, mutated valid bundles, deep nesting, prototype keys.

import fc from 'fast-check';
import { validateBundle } from './bundle.validator.js';
import { validateObject } from './object.validator.js';
import { parsePattern } from './pattern.parser.js';
import type { ValidationReport } from './problems.js';
import { IDS, validBundle } from './testing/stix-fixtures.js';
import { unresolvedReferences } from './unresolved-references.js';

function expectWellFormed(report: ValidationReport): void {
  expect(report.valid).toBe(report.errors.length === 0);
  for (const problem of [...report.errors, ...report.warnings]) {
    expect(problem.code).toMatch(/^STIX\.[A-Z_]+$/);
    expect(problem.code).not.toBe('STIX.INTERNAL');
    expect(typeof problem.message).toBe('string');
    expect(problem.pointer === '' || problem.pointer.startsWith('/')).toBe(true);
  }
}

/** Replaces the value at a random path inside a valid bundle (or inserts a new key there). */
const mutatedBundle = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.oneof(fc.jsonValue(), fc.anything()), fc.boolean())
  .map(([path, replacement, insert]) => {
    const bundle = validBundle() as unknown as Record<string, unknown>;
    let holder: Record<string, unknown> | unknown[] = bundle;
    for (const [depth, step] of path.entries()) {
      const keys = Array.isArray(holder) ? holder.map((_, i) => i) : Object.keys(holder);
      if (keys.length === 0) break;
      const key = keys[step % keys.length]!;
      const next = (holder as Record<string | number, unknown>)[key];
      const last = depth === path.length - 1 || next === null || typeof next !== 'object';
      if (last) {
        const target = insert && !Array.isArray(holder) ? `x_fuzz_${step}` : key;
        (holder as Record<string | number, unknown>)[target] = replacement;
        break;
      }
      holder = next as Record<string, unknown> | unknown[];
    }
    return bundle;
  });

describe('fuzzing the validator', () => {
  it('survives any JSON value as a bundle or an object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(validateBundle(value));
        expectWellFormed(validateObject(value, 0));
        expectWellFormed(validateBundle({ type: 'bundle', id: IDS.bundle, objects: [value] }));
      }),
      { numRuns: 300 },
    );
  });

  it('survives any JavaScript value, null prototypes included', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }), (value) => {
        expectWellFormed(validateBundle(value));
        expectWellFormed(validateObject(value));
        expect(Array.isArray(unresolvedReferences(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('survives valid bundles with one value replaced by anything', () => {
    fc.assert(
      fc.property(mutatedBundle, (bundle) => {
        expectWellFormed(validateBundle(bundle));
        expect(Array.isArray(unresolvedReferences(bundle))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('survives objects made of STIX-looking keys with random values', () => {
    const keys = ['type', 'id', 'spec_version', 'created', 'modified', 'extensions', 'granular_markings', 'object_marking_refs', 'pattern', 'pattern_type', 'source_ref', 'object_refs', 'hashes', 'is_multipart', 'contents', 'definition', 'definition_type'];
    const types = fc.constantFrom('indicator', 'incident', 'relationship', 'sighting', 'file', 'network-traffic', 'marking-definition', 'language-content', 'email-message', 'x-custom', 'location');
    const arbitraryObject = fc.tuple(types, fc.dictionary(fc.constantFrom(...keys), fc.jsonValue())).map(([type, props]) => ({
      ...props,
      type,
      pattern_type: 'stix',
    }));
    fc.assert(
      fc.property(arbitraryObject, (obj) => {
        expectWellFormed(validateObject(obj, 3));
      }),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting and prototype keys from JSON.parse', () => {
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    const deepObject = JSON.parse('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)) as unknown;
    const prototypeKeys = JSON.parse(
      '{"type":"tool","spec_version":"2.1","id":"tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"t","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"extensions":{"__proto__":{"extension_type":"x"}}}',
    ) as unknown;
    for (const value of [deep, deepObject, prototypeKeys, { type: 'bundle', id: IDS.bundle, objects: [deep, deepObject, prototypeKeys] }]) {
      expectWellFormed(validateBundle(value));
      expectWellFormed(validateObject(value));
    }
    const tool = { ...(prototypeKeys as object), x_deep: deep, x_deep_ref: deepObject };
    expectWellFormed(validateObject(tool));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('fuzzing the pattern parser', () => {
  const seeds = [
    "[file:hashes.'SHA-256' = 'aec0' AND file:name MATCHES '^a\\\\.exe$'] FOLLOWEDBY [url:value = 'x'] WITHIN 60 SECONDS",
    "([ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [file:size IN (1, 2.5)]) REPEATS 2 TIMES START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z'",
  ];

  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (src) => {
        const result = parsePattern(src);
        if (!result.ok) expect(result.error.position).toBeGreaterThanOrEqual(0);
        if (!result.ok) expect(result.error.position).toBeLessThanOrEqual(src.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid patterns, and reports positions inside them', () => {
    const mutation = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(mutation, ([seed, at, cut, insert]) => {
        const i = at % (seed.length + 1);
        const src = seed.slice(0, i) + insert + seed.slice(i + cut);
        const result = parsePattern(src);
        if (!result.ok) expect(result.error.position).toBeLessThanOrEqual(src.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    expect(parsePattern('('.repeat(100_000) + "[file:name = 'a']" + ')'.repeat(100_000)).ok).toBe(false);
    expect(parsePattern('[' + '('.repeat(100_000) + "file:name = 'a'" + ')'.repeat(100_000) + ']').ok).toBe(false);
  });
});
