import { InvalidArgumentError } from 'commander';

/** `--interval <seconds>` of the watch modes, in milliseconds; at least half a second. */
export function intervalOption(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 3600) throw new InvalidArgumentError('give seconds between 0.5 and 3600');
  return Math.round(seconds * 1000);
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of at least 1');
  return n;
}
