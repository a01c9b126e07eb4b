// Which locks a writer of some STIX ids takes (pure): see StixObjectRepository.lockIds.

/**
 * Ids are locked by bucket, not one by one: PostgreSQL's lock table holds
 * max_locks_per_transaction × connections entries (6,400 by default) for every session, and one
 * lock per id of a 20,000-object submission fails with "out of shared memory". 1,024 buckets keep a
 * submission of any size within 1,024 locks; two small submissions rarely share one.
 */
export const ID_LOCK_BUCKETS = 1024;

/** The bucket of one id: 32-bit FNV-1a over its UTF-16 code units, stable across processes and releases. */
export function idLockBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ID_LOCK_BUCKETS;
}

/**
 * The distinct buckets of these ids in ascending order: every writer takes its buckets in the same
 * order, so two writers of overlapping ids wait for one another in turn, never crosswise (deadlock).
 */
export function idLockBuckets(ids: Iterable<string>): number[] {
  const taken = new Uint8Array(ID_LOCK_BUCKETS);
  for (const id of ids) taken[idLockBucket(id)] = 1;
  const buckets: number[] = [];
  for (let bucket = 0; bucket < ID_LOCK_BUCKETS; bucket++) if (taken[bucket] === 1) buckets.push(bucket);
  return buckets;
}
