/** One dependency's answer to a readiness probe. */
export interface CheckResult {
  status: 'up' | 'down';
  ms: number;
  error?: string;
}

/** Runs one readiness check, `down` with the reason when it throws or does not answer in time. */
export async function timedCheck(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { status: 'up', ms: Date.now() - started };
  } catch (error) {
    return { status: 'down', ms: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** `detail` of a 503: the checks that are down, each with its reason. */
export function failingChecks(checks: Record<string, CheckResult>): string {
  return Object.entries(checks)
    .filter(([, c]) => c.status === 'down')
    .map(([name, c]) => `${name}: ${c.error}`)
    .join('; ');
}
