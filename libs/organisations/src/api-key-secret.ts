import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

const KEY_PATTERN = /^(isac_[0-9a-f]{8})\.([A-Za-z0-9_-]{32,})$/;
const HASH_LENGTH = 32;

/** A new key: `isac_<8 hex>.<43 chars base64url>`. The prefix names it in logs; the rest is the secret. */
export function generateApiKey(): { key: string; prefix: string; secret: string } {
  const prefix = 'isac_' + randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${prefix}.${secret}`, prefix, secret };
}

export function splitApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

/** Salted scrypt hash, stored as scrypt$<salt b64>$<hash b64>. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, HASH_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scryptAsync(secret, Buffer.from(saltB64, 'base64'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fast fingerprint of a whole key, used only as a cache key for keys already verified by scrypt. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
