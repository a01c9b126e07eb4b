import { randomFillSync } from 'node:crypto';

// Random bytes taken from one pool: a randomFillSync call per id would cost more than the id.
const POOL_IDS = 512;
const pool = Buffer.alloc(10 * POOL_IDS);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then random bits. Rows
 * keyed by such ids land at the right-hand end of their indexes instead of at random pages, which
 * is what makes the write of a large fan-out (one inbox entry per recipient, keyed by advisory)
 * cheap for PostgreSQL. Ids of the same millisecond are in random order among themselves.
 */
export function uuidV7(now = Date.now()): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 10;
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  const b = (i: number) => HEX[pool[r + i]];
  // version nibble 7; variant bits 10
  const version = HEX[0x70 | (pool[r] & 0x0f)];
  const variant = HEX[0x80 | (pool[r + 2] & 0x3f)];
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${version}${b(1)}-${variant}${b(3)}-${b(4)}${b(5)}${b(6)}${b(7)}${b(8)}${b(9)}`;
}
