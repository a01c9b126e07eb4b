// STIX 2.1 §2.9 (identifier) and §3.1 (type names).

/** STIX 2.1 §3.1: a–z, 0–9 and hyphen, starting with a letter, not ending in a hyphen, no `--`, 3–250 chars. */
export function isTypeName(value: unknown): value is string {
  return typeof value === 'string' && isTypeNameBefore(value, value.length);
}

export interface ParsedIdentifier {
  type: string;
  uuid: string;
  /** The RFC 4122 version digit (1–5). */
  version: number;
}

/**
 * STIX 2.1 §2.9: the UUID part MUST be an RFC 4122 UUID — versions 1–5, variant bits `10xx` (the
 * OASIS JSON schemas use the same expression). Matched in place (sticky) from `lastIndex` to the end.
 */
const UUID_AT = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/y;

/** Whether value[0, end) is a type name (§3.1), read in place: identifiers are checked by the thousand. */
function isTypeNameBefore(value: string, end: number): boolean {
  if (end < 3 || end > 250) return false;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    const hyphen = c === 45;
    if (i === 0 ? !letter : i === end - 1 ? !(letter || digit) : !(letter || digit || hyphen)) return false;
    if (hyphen && value.charCodeAt(i + 1) === 45) return false;
  }
  return true;
}

/** The position of the `--` of a well-formed identifier, or -1. */
function separatorOf(value: string): number {
  const at = value.indexOf('--');
  if (at < 0 || !isTypeNameBefore(value, at)) return -1;
  UUID_AT.lastIndex = at + 2;
  return UUID_AT.test(value) ? at : -1;
}

/** `<type>--<UUID>`; undefined when the value is not a well-formed identifier. */
export function parseIdentifier(value: unknown): ParsedIdentifier | undefined {
  if (typeof value !== 'string') return undefined;
  const at = separatorOf(value);
  if (at < 0) return undefined;
  return { type: value.slice(0, at), uuid: value.slice(at + 2), version: value.charCodeAt(at + 2 + 14) - 48 };
}

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && separatorOf(value) >= 0;
}

/** The type part of an identifier, or undefined when the value is not an identifier. */
export function typeOfIdentifier(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = separatorOf(value);
  return at < 0 ? undefined : value.slice(0, at);
}
