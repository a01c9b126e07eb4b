import { randomBytes } from 'node:crypto';
import { uuidV7Floor } from '@isac/partitions';

/** A UUIDv7 of the given instant (random tail), as the hub makes them for advisories. */
export function v7At(at: Date): string {
  const tail = randomBytes(8).toString('hex');
  return uuidV7Floor(at).slice(0, 14) + `7${tail.slice(0, 3)}-${'89ab'[parseInt(tail[3], 16) & 3]}${tail.slice(4, 7)}-${randomBytes(6).toString('hex')}`;
}

/** A UUIDv4 whose random first 48 bits happen to name the given instant. */
export function v4LookingLike(at: Date): string {
  return (
    uuidV7Floor(at).slice(0, 14) +
    `4${randomBytes(2).toString('hex').slice(0, 3)}-8${randomBytes(2).toString('hex').slice(0, 3)}-${randomBytes(6).toString('hex')}`
  );
}
