// Gathers the keys submitted within a few milliseconds (or up to a size) into one call, and answers
// each submitter with its own result or the batch's error. At most `maxInFlight` calls run at once:
// while they do, submissions wait and make the next call larger — when the database is the slower
// side, fewer and fuller statements instead of many small ones fighting over the same index pages.
// Pure: timers only.

interface Waiting<R> {
  key: string;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class RouteBatcher<R> {
  private waiting: Waiting<R>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = 0;

  constructor(
    private readonly run: (keys: string[]) => Promise<Map<string, R>>,
    private readonly maxSize = 128,
    private readonly maxWaitMs = 3,
    private readonly maxInFlight = 2,
  ) {}

  submit(key: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // a call ending flushes again: what waits meanwhile goes in the next call
    if (this.waiting.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch = this.waiting.splice(0, this.maxSize);
    this.inFlight++;
    this.run([...new Set(batch.map((b) => b.key))])
      .then(
        (results) => batch.forEach((b) => (results.has(b.key) ? b.resolve(results.get(b.key)!) : b.reject(new Error(`no result for ${b.key}`)))),
        (error) => batch.forEach((b) => b.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
    // more than one batch's worth waiting, and room for another call
    if (this.waiting.length >= this.maxSize) this.flush();
  }
}
