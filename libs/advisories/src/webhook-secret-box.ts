import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook secrets at rest. The hub must sign with the secret itself, so it cannot keep only a hash
 * as it does for API keys; it keeps it encrypted (AES-256-GCM) under WEBHOOK_SECRET_KEY, which lives
 * in the configuration and not in the database, so a dump or a backup of the database does not
 * let anyone sign pushes as the hub. The organisation's id is bound in (additional data): a
 * sealed secret copied onto another organisation's row does not open.
 *
 * Rows written before encryption hold the secret in clear; they are read as they are and sealed
 * when the webhook is next set.
 */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const additionalData = (orgId: string) => Buffer.from(`isac-hub:webhook-secret:v1:${orgId}`, 'utf8');

export function sealWebhookSecret(key: Buffer, orgId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(orgId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${sealed.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The secret of a stored value: opened when sealed, as it is when written before encryption. Throws when it does not open. */
export function openWebhookSecret(key: Buffer, orgId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [iv, sealed, tag] = stored.slice(PREFIX.length).split('.').map((part) => Buffer.from(part ?? '', 'base64url'));
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !sealed) throw new Error('the stored webhook secret is not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(orgId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the stored webhook secret does not open with WEBHOOK_SECRET_KEY (another key, or another organisation\'s row)');
  }
}

/** Longest stored value for a secret of `maxChars` UTF-16 units (at most 3 UTF-8 bytes each). */
export function sealedLength(maxChars: number): number {
  const b64 = (bytes: number) => Math.ceil((bytes * 4) / 3);
  return PREFIX.length + b64(IV_BYTES) + 1 + b64(maxChars * 3) + 1 + b64(TAG_BYTES);
}
