// STIX 2.1 §2.9: SCO ids SHOULD be UUIDv5 in the STIX namespace over the canonical JSON (RFC 8785)
// of the type's ID contributing properties, so the same observable gets the same id everywhere.
// A type without contributing properties (or an object with none of them) gets a UUIDv4.

import { canonicalJson } from './canonical-json.js';
import { isPlainObject } from './problems.js';
import type { Identifier } from './types/common.types.js';
import { uuidV4, uuidV5 } from './uuid.js';

export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** The "ID Contributing Properties" listed in each SCO section of STIX 2.1 §6. */
export const SCO_ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** §2.9: when hashes contribute, only one is used, chosen in this order. */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function oneHash(hashes: Record<string, unknown>): Record<string, unknown> | undefined {
  const preferred = HASH_PREFERENCE.find((algorithm) => Object.prototype.hasOwnProperty.call(hashes, algorithm));
  const chosen = preferred ?? Object.keys(hashes).sort()[0];
  return chosen === undefined ? undefined : { [chosen]: hashes[chosen] };
}

/** The object the UUIDv5 is computed over: the contributing properties present in `props`. */
export function scoIdContributions(type: string, props: Record<string, unknown>): Record<string, unknown> {
  const contributing = Object.prototype.hasOwnProperty.call(SCO_ID_CONTRIBUTING_PROPERTIES, type)
    ? SCO_ID_CONTRIBUTING_PROPERTIES[type]!
    : [];
  const contributions: Record<string, unknown> = {};
  for (const prop of contributing) {
    if (!Object.prototype.hasOwnProperty.call(props, prop) || props[prop] === undefined) continue;
    const value = props[prop];
    if (prop === 'hashes' && isPlainObject(value)) {
      const hash = oneHash(value);
      if (hash) contributions[prop] = hash;
    } else {
      contributions[prop] = value;
    }
  }
  return contributions;
}

/**
 * The id of an SCO of `type` with properties `props`: deterministic (UUIDv5) when any contributing
 * property is present, random (UUIDv4) otherwise. Throws only for values JSON cannot hold.
 */
export function scoId<T extends string>(type: T, props: Record<string, unknown>): Identifier<T> {
  const contributions = scoIdContributions(type, props);
  const uuid = Object.keys(contributions).length > 0 ? uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributions)) : uuidV4();
  return `${type}--${uuid}`;
}
