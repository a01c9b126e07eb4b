// Gathers the keys submitted within a few milliseconds (or up to a size) into one call, and answers
// each submitter with its own result or the batch's error. Pure: timers only.

export class RouteBatcher<R> {
  private waiting: { key: string; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: (keys: string[]) => Promise<Map<string, R>>,
    private readonly maxSize = 128,
    private readonly maxWaitMs = 3,
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
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.run([...new Set(batch.map((b) => b.key))]).then(
      (results) => batch.forEach((b) => (results.has(b.key) ? b.resolve(results.get(b.key)!) : b.reject(new Error(`no result for ${b.key}`)))),
      (error) => batch.forEach((b) => b.reject(error)),
    );
  }
}
