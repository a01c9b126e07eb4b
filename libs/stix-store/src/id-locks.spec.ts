import { ID_LOCK_BUCKETS, idLockBucket, idLockBuckets } from './id-locks.js';

describe('id lock buckets', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `indicator--${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`);

  it('the same id is always the same bucket; known values pin the hash across releases', () => {
    expect(idLockBucket('incident--0b3c8c8e-6f0e-4c55-9a52-2f4f0d7c1e11')).toBe(idLockBucket('incident--0b3c8c8e-6f0e-4c55-9a52-2f4f0d7c1e11'));
    // FNV-1a 32 of '' is 0x811c9dc5, of 'a' is 0xe40c292c
    expect(idLockBucket('')).toBe(0x811c9dc5 % ID_LOCK_BUCKETS);
    expect(idLockBucket('a')).toBe(0xe40c292c % ID_LOCK_BUCKETS);
  });

  it('distinct buckets in ascending order, whatever the order and repetition of the ids', () => {
    const some = ids.slice(0, 50);
    const buckets = idLockBuckets(some);
    expect(buckets).toEqual([...new Set(some.map(idLockBucket))].sort((a, b) => a - b));
    expect(idLockBuckets([...some].reverse().concat(some))).toEqual(buckets);
    expect(idLockBuckets([])).toEqual([]);
  });

  it('a 20,000-object submission takes at most ID_LOCK_BUCKETS locks, and its ids spread over all of them', () => {
    const buckets = idLockBuckets(ids);
    expect(buckets.length).toBe(ID_LOCK_BUCKETS);
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(idLockBucket(id), (counts.get(idLockBucket(id)) ?? 0) + 1);
    // ~19.5 a bucket on average: none is left empty or holds a tenth of the ids
    expect(Math.max(...counts.values())).toBeLessThan(ids.length / 10);
  });
});
