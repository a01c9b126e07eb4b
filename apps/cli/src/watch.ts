import { CliError, EXIT } from './exit-codes.js';

/**
 * Runs `tick` now and then every `intervalMs` until Ctrl-C (SIGINT) or SIGTERM, which end the
 * loop cleanly (exit code 0). A hub that cannot be reached for a moment is reported once and
 * polled again; a refusal (bad key, unknown id) ends the watch with its error. A tick that runs
 * long (an event stream) calls `reachable` when the hub answers again; a tick that ends did.
 */
export async function watchEvery(
  intervalMs: number,
  tick: (signal: AbortSignal, reachable: () => void) => Promise<void>,
  onTrouble: (lines: string[]) => void,
): Promise<void> {
  const stop = new AbortController();
  const end = () => stop.abort();
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  let troubled = false;
  const reachable = () => {
    if (troubled) onTrouble(['hub reachable again']);
    troubled = false;
  };
  try {
    while (!stop.signal.aborted) {
      try {
        await tick(stop.signal, reachable);
        if (stop.signal.aborted) break;
        reachable();
      } catch (error) {
        if (stop.signal.aborted) break;
        if (!(error instanceof CliError) || error.exitCode !== EXIT.UNAVAILABLE) throw error;
        if (!troubled) onTrouble([...error.lines, `still watching; trying again every ${Math.round(intervalMs / 1000)} s`]);
        troubled = true;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  } finally {
    process.off('SIGINT', end);
    process.off('SIGTERM', end);
  }
}

/** Entries newest first, as the inbox pages them; what was not seen before comes out oldest first. */
export class NewEntries<T extends { id: string }> {
  private readonly seen = new Set<string>();

  /** Marks the page's entries seen; true when the whole page was new (the next page may hold more). */
  take(page: T[], into: T[]): boolean {
    let allNew = page.length > 0;
    for (const entry of page) {
      if (this.seen.has(entry.id)) {
        allNew = false;
        continue;
      }
      this.seen.add(entry.id);
      into.push(entry);
    }
    return allNew;
  }

  static oldestFirst<T>(collected: T[]): T[] {
    return [...collected].reverse();
  }
}
