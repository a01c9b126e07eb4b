import { randomBytes, randomUUID } from 'node:crypto';
import { isSealed, openWebhookSecret, sealedLength, sealWebhookSecret } from './webhook-secret-box.js';

describe('webhook secrets sealed at rest', () => {
  const key = randomBytes(32);
  const org = randomUUID();

  it('seals a secret so that it is not in the stored value, and opens it again', () => {
    const stored = sealWebhookSecret(key, org, 'a-shared-secret-0123');
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain('a-shared-secret');
    expect(openWebhookSecret(key, org, stored)).toBe('a-shared-secret-0123');
    // a fresh IV each time: the same secret never seals to the same value
    expect(sealWebhookSecret(key, org, 'a-shared-secret-0123')).not.toBe(stored);
  });

  it('reads a secret stored in clear (before sealing) as it is', () => {
    expect(openWebhookSecret(key, org, 'written-before-sealing')).toBe('written-before-sealing');
  });

  it('does not open with another key, for another organisation, or when altered', () => {
    const stored = sealWebhookSecret(key, org, 'a-shared-secret-0123');
    expect(() => openWebhookSecret(randomBytes(32), org, stored)).toThrow('does not open with WEBHOOK_SECRET_KEY');
    expect(() => openWebhookSecret(key, randomUUID(), stored)).toThrow('does not open');
    const [iv, data, tag] = stored.slice('enc:v1:'.length).split('.');
    // the first character: the last one may carry only base64's unused padding bits, and changing those alters nothing
    const flipped = (data.startsWith('A') ? 'B' : 'A') + data.slice(1);
    expect(() => openWebhookSecret(key, org, `enc:v1:${iv}.${flipped}.${tag}`)).toThrow('does not open');
    expect(() => openWebhookSecret(key, org, `enc:v1:${iv}.${data}`)).toThrow('not a sealed value');
  });

  it('fits the column (varchar 1000) for the longest secret the API takes, 200 characters of any script', () => {
    for (const secret of ['a'.repeat(200), '€'.repeat(200), '😀'.repeat(100)]) {
      const stored = sealWebhookSecret(key, org, secret);
      expect(stored.length).toBeLessThanOrEqual(sealedLength(200));
      expect(openWebhookSecret(key, org, stored)).toBe(secret);
    }
    expect(sealedLength(200)).toBeLessThanOrEqual(1000);
  });
});
