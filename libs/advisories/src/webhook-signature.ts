// The signature of webhook pushes: `X-Isac-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// Signing the timestamp with the body lets receivers refuse replays of an old push.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Isac-Signature';

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

/** What a receiver does: recompute, compare in constant time, refuse pushes older than the tolerance. */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1], 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

/** BullMQ exponential back-off as the deliver queues use it: the wait before try `attempt + 1`. */
export function webhookBackoffMs(firstDelayMs: number, attemptsMade: number): number {
  return firstDelayMs * 2 ** Math.max(0, attemptsMade - 1);
}
