// Listing cursors are sealed (AES-256-GCM): DESIGN §2 "No oracle" — a page may end on a row the caller
// may not read (TAXII scans past hidden rows), so its position must reveal nothing, and a position the
// hub did not hand out must not be accepted. Every API replica seals with the same key (CURSOR_SECRET_KEY).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Which listing a cursor belongs to (bound as associated data: one listing's cursor is foreign to every other). */
export type CursorPurpose = 'taxii' | 'incidents' | 'audit' | 'advisories' | 'inbox';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** the plaintext is padded with spaces to a multiple of this, so a cursor's length tells nothing of the row it names (e.g. a STIX type) */
const PAD_TO = 256;
/** longer text is not one of ours: refused before any work */
const MAX_TEXT = 4096;
/** What a sealed cursor can look like at all (base64url, at most MAX_TEXT): the DTOs' first check, before the seal's. */
export const CURSOR_TEXT = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TEXT}}$`);

export class CursorSeal {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a cursor key is 32 bytes');
  }

  /** The position as an opaque string: base64url of version, IV, ciphertext of the padded JSON, tag. */
  seal(purpose: CursorPurpose, position: unknown): string {
    const json = Buffer.from(JSON.stringify(position), 'utf8');
    const padded = Buffer.alloc(Math.ceil((json.length + 1) / PAD_TO) * PAD_TO, 0x20);
    json.copy(padded);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(purpose));
    const sealed = Buffer.concat([cipher.update(padded), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The position sealed for `purpose`, or undefined when the text is not a cursor this hub sealed for it (tampered, foreign, malformed). */
  open(purpose: CursorPurpose, text: string): unknown {
    if (typeof text !== 'string' || !CURSOR_TEXT.test(text)) return undefined;
    const raw = Buffer.from(text, 'base64url');
    if (raw.length < 1 + IV_BYTES + PAD_TO + TAG_BYTES || raw[0] !== VERSION) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(aad(purpose));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      return undefined;
    }
  }
}

const aad = (purpose: CursorPurpose) => Buffer.from(`isac-hub cursor v${VERSION} ${purpose}`, 'utf8');
