import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature, webhookBackoffMs } from './webhook-signature.js';

describe('webhook signature', () => {
  const body = '{"id":"a"}';
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('s3cret', body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies, and refuses another secret, another body, a stale timestamp and garbage', () => {
    const header = signWebhook('s3cret', body, 1700000000);
    expect(verifyWebhookSignature('s3cret', header, body, 1700000010)).toBe(true);
    expect(verifyWebhookSignature('other', header, body, 1700000010)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, body + ' ', 1700000010)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, body, 1700009999)).toBe(false);
    expect(verifyWebhookSignature('s3cret', 'v1=abc', body, 1700000010)).toBe(false);
    expect(verifyWebhookSignature('s3cret', undefined, body, 1700000010)).toBe(false);
  });

  it('backs off exponentially', () => {
    expect([1, 2, 3, 4].map((n) => webhookBackoffMs(100, n))).toEqual([100, 200, 400, 800]);
  });
});
