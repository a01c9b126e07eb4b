import { createHook } from 'node:async_hooks';

export interface TimerWatch {
  /** timers started since `watchTimers()` that are still pending (unref'd ones too: nothing should be left behind) */
  pending(): Promise<number>;
  stop(): void;
}

/**
 * Watches the timers of `delayMs` this process starts from now on (setTimeout/setInterval), so that
 * a test can tell whether the code under it left one pending (a referenced one keeps jest from
 * exiting by itself). Timers started before the call (jest's own test timeout among them), and
 * timers of other delays (a database client's, a poll of the test's own), are not counted: the
 * process is shared with whatever else runs in it.
 */
export function watchTimers(delayMs: number): TimerWatch {
  const started = new Set<number>();
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      // Node's Timeout keeps its delay as _idleTimeout
      if (type === 'Timeout' && (resource as { _idleTimeout?: number })._idleTimeout === delayMs) started.add(asyncId);
    },
    destroy(asyncId) {
      started.delete(asyncId);
    },
  }).enable();
  return {
    async pending() {
      // destroy hooks of timers that just fired or were cleared are emitted asynchronously
      await new Promise((resolve) => setImmediate(resolve));
      return started.size;
    },
    stop: () => void hook.disable(),
  };
}
