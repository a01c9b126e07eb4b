// STIX 2.1 §3.2 (`lang`), §7.1 (language-content `contents` keys) and §7.2.3 (granular marking
// `lang`): "it MUST be a language code conformant to [RFC5646]". Checked for well-formedness
// against the RFC 5646 §2.1 ABNF; whether each subtag is registered with IANA is not checked (the
// registry changes), except that the primary language subtag has the 2–3 letters every registered one has.

import { describe, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';

/**
 * langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse],
 * or a private-use tag on its own. Case-insensitive (RFC 5646 §2.1.1).
 */
const LANGTAG = new RegExp(
  '^(?:' +
    // language, with up to three extlangs. The ABNF also admits 4- and 5–8-letter primary language
    // subtags, but none is in the IANA registry (4 letters are reserved), so no valid tag has one:
    // leaving them out refuses "English" or "german" written where a language code belongs.
    '[a-z]{2,3}(?:-[a-z]{3}){0,3}' +
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
    '(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*' + // extensions (any singleton but x)
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '|x(?:-[a-z0-9]{1,8})+' +
    ')$',
  'i',
);

/** RFC 5646 §2.2.8: the irregular grandfathered tags, which do not follow the langtag production. */
const IRREGULAR = new Set([
  'en-gb-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo',
  'i-navajo', 'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-be-fr', 'sgn-be-nl', 'sgn-ch-de',
]);

/** Whether a value is a well-formed RFC 5646 language tag (`en`, `de-CH`, `zh-Hant-TW`, `sr-Latn`, …). */
export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) return false;
  return LANGTAG.test(value) || IRREGULAR.has(value.toLowerCase());
}

/** §3.2 lang, §7.2.3 granular marking lang: "it MUST be a language code conformant to [RFC5646]". */
export function checkLanguageTag(v: PropertyChecker, prop: string): void {
  const value = v.get(prop);
  if (typeof value === 'string' && !isLanguageTag(value)) {
    v.error(C.INVALID_LANGUAGE_TAG, `'${prop}' must be an RFC 5646 language tag (e.g. en, de-CH), got ${describe(value)}`, prop);
  }
}
