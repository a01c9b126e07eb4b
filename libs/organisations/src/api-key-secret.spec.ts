import { generateApiKey, hashSecret, keyFingerprint, splitApiKey, verifySecret } from './api-key-secret.js';

describe('API key secrets', () => {
  it('generates prefixed keys that split back into prefix and secret', () => {
    const { key, prefix, secret } = generateApiKey();
    expect(key).toMatch(/^isac_[0-9a-f]{8}\.[A-Za-z0-9_-]{43}$/);
    expect(splitApiKey(key)).toEqual({ prefix, secret });
  });

  it('never generates the same key twice in a run', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it.each(['', 'isac_123', 'isac_zzzzzzzz.' + 'a'.repeat(43), 'bearer isac_12345678.' + 'a'.repeat(43), 'isac_12345678.short'])(
    'refuses to split %j',
    (key) => expect(splitApiKey(key)).toBeNull(),
  );

  it('hashes with a salt and verifies only the right secret', async () => {
    const { secret } = generateApiKey();
    const first = await hashSecret(secret);
    const second = await hashSecret(secret);
    expect(first).toMatch(/^scrypt\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    await expect(verifySecret(secret, first)).resolves.toBe(true);
    await expect(verifySecret(secret, second)).resolves.toBe(true);
    await expect(verifySecret(secret + 'x', first)).resolves.toBe(false);
    await expect(verifySecret(secret, 'md5$abc$def')).resolves.toBe(false);
  });

  it('fingerprints keys deterministically', () => {
    expect(keyFingerprint('a')).toBe(keyFingerprint('a'));
    expect(keyFingerprint('a')).not.toBe(keyFingerprint('b'));
  });
});
