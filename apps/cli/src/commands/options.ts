import { InvalidArgumentError, Option, type Command } from 'commander';

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

export interface PagingOptions {
  limit?: number;
  cursor?: string;
}

/** `--limit` and `--cursor` of every list the hub pages; `items` names what is on a page. */
export function pagingOptions(command: Command, items: string): Command {
  return command
    .option('--limit <n>', `${items} on the page (1-200)`, positiveInteger)
    .option('--cursor <next>', 'the page after the one that printed this cursor');
}

/** The hint printed on stderr under a page that has a next one. */
export const nextPageHint = (command: string, next: string) => `more: ${command} --cursor ${next}`;

export interface WatchOptions {
  watch?: boolean;
  /** milliseconds */
  interval: number;
}

/** `--watch` and its `--interval <seconds>` (2 s unless given). */
export function watchOptions(command: Command, watching: string, intervalHelp = 'how often --watch looks'): Command {
  return command
    .option('--watch', `keep printing ${watching}, until Ctrl-C`)
    // the default is kept in milliseconds but shown in the seconds the option takes
    .addOption(new Option('--interval <seconds>', intervalHelp).argParser(intervalOption).default(2000, '2'));
}
