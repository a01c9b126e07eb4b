/**
 * Bounds the scrypt checks of keys a process has not verified yet. Each check costs ~16 MB and tens
 * of milliseconds on Node's small thread pool, and anyone who knows a key's prefix (it is in logs
 * and key listings by design) can ask for one with any secret, before any key is checked: without
 * a bound, a flood of such requests queues up without end. `concurrency` checks run at once and
 * `waiting` more may wait; beyond that a check is refused at once (the caller answers 429), while
 * keys verified already are served from the cache and never come here.
 */
export class KeyCheckGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly waiting: number,
  ) {}

  /** `check`'s result, or `refused` when too many checks are running and waiting already. */
  async run<T>(check: () => Promise<T>): Promise<{ refused: false; value: T } | { refused: true }> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= this.waiting) return { refused: true };
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return { refused: false, value: await check() };
    } finally {
      // the slot passes to the next waiting check, or is freed
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
