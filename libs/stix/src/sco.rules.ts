// Type-specific rules of the STIX 2.1 SCOs (§6).

import { isIPv4, isIPv6 } from 'node:net';
import type { PropertyChecker } from './property-checker.js';
import type { PropertyRules } from './property-rules.js';
import { STIX_CODES as C } from './problems.js';
import * as V from './vocabularies.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** §6.10: a single colon-delimited, lowercase MAC-48 address with leading zeros. */
const MAC_48 = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
export const UINT = [0, Number.MAX_SAFE_INTEGER] as const;

/** Properties that are not "object specific" when a type demands at least one such property. */
const GENERIC_SCO_PROPERTIES = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
]);

function needsSpecificProperty(v: PropertyChecker): void {
  if (Object.keys(v.obj).every((k) => GENERIC_SCO_PROPERTIES.has(k))) {
    v.error(C.REQUIRED_ONE_OF, `a '${String(v.get('type'))}' object MUST contain at least one object-specific property`);
  }
}

function formatted(prop: string, test: (s: string) => boolean, what: string) {
  return (v: PropertyChecker): void => {
    const value = v.get(prop);
    if (typeof value === 'string' && !test(value)) v.error(C.INVALID_VALUE, `'${prop}' must be ${what}`, prop);
  };
}

function cidr(value: string, isAddress: (s: string) => boolean, maxPrefix: number): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || !address || !isAddress(address)) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
}

export const SCO_RULES: Readonly<Record<string, PropertyRules>> = {
  artifact: {
    strings: ['mime_type', 'payload_bin', 'url', 'decryption_key'],
    hashes: ['hashes'],
    enums: { encryption_algorithm: V.ENCRYPTION_ALGORITHM_ENUM },
    // §6.1: exactly one of payload_bin and url.
    requiredOneOf: [['payload_bin', 'url']],
    exclusive: [['payload_bin', 'url']],
    check: (v) => {
      formatted('payload_bin', (s) => BASE64.test(s), 'base64-encoded')(v);
      if (v.has('url') && !v.has('hashes')) {
        v.error(C.REQUIRED_PROPERTY, `'hashes' MUST be present when 'url' is present`, 'hashes');
      }
      if (v.has('decryption_key') && !v.has('encryption_algorithm')) {
        v.error(C.PROPERTY_CONFLICT, `'decryption_key' MUST NOT be present without 'encryption_algorithm'`, 'decryption_key');
      }
    },
  },
  'autonomous-system': {
    required: ['number'],
    integers: { number: [0, 4_294_967_295] },
    strings: ['name', 'rir'],
  },
  directory: {
    required: ['path'],
    strings: ['path', 'path_enc'],
    timestamps: ['ctime', 'mtime', 'atime'],
    refs: { contains_refs: ['file', 'directory'] },
  },
  'domain-name': {
    required: ['value'],
    strings: ['value'],
    refs: { resolves_to_refs: ['ipv4-addr', 'ipv6-addr', 'domain-name'] },
  },
  'email-addr': {
    required: ['value'],
    strings: ['value', 'display_name'],
    refs: { belongs_to_ref: ['user-account'] },
  },
  'email-message': {
    required: ['is_multipart'],
    booleans: ['is_multipart'],
    timestamps: ['date'],
    strings: ['content_type', 'message_id', 'subject', 'body'],
    stringLists: ['received_lines'],
    dictionaries: ['additional_header_fields'],
    refs: {
      from_ref: ['email-addr'],
      sender_ref: ['email-addr'],
      to_refs: ['email-addr'],
      cc_refs: ['email-addr'],
      bcc_refs: ['email-addr'],
      raw_email_ref: ['artifact'],
    },
    objectLists: {
      body_multipart: {
        strings: ['body', 'content_type', 'content_disposition'],
        requiredOneOf: [['body', 'body_raw_ref']],
        exclusive: [['body', 'body_raw_ref']],
        refs: { body_raw_ref: ['artifact', 'file'] },
      },
    },
    check: (v) => {
      // §6.6: body is for single-part messages, body_multipart for multipart ones.
      if (v.get('is_multipart') === true && v.has('body')) {
        v.error(C.PROPERTY_CONFLICT, `'body' MUST NOT be used when 'is_multipart' is true`, 'body');
      }
      if (v.get('is_multipart') === false && v.has('body_multipart')) {
        v.error(C.PROPERTY_CONFLICT, `'body_multipart' MUST NOT be used when 'is_multipart' is false`, 'body_multipart');
      }
    },
  },
  file: {
    requiredOneOf: [['hashes', 'name']],
    hashes: ['hashes'],
    integers: { size: UINT },
    strings: ['name', 'name_enc', 'magic_number_hex', 'mime_type'],
    timestamps: ['ctime', 'mtime', 'atime'],
    refs: { parent_directory_ref: ['directory'], contains_refs: 'sco', content_ref: ['artifact'] },
    check: (v) => {
      // §3.1: "The encoding property MUST NOT be present when the original property is not present."
      if (v.has('name_enc') && !v.has('name')) {
        v.error(C.PROPERTY_CONFLICT, `'name_enc' MUST NOT be present without 'name'`, 'name_enc');
      }
    },
  },
  'ipv4-addr': {
    required: ['value'],
    strings: ['value'],
    refs: { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
    check: formatted('value', (s) => cidr(s, isIPv4, 32), 'an IPv4 address or CIDR block'),
  },
  'ipv6-addr': {
    required: ['value'],
    strings: ['value'],
    refs: { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
    check: formatted('value', (s) => cidr(s, isIPv6, 128), 'an IPv6 address or CIDR block'),
  },
  'mac-addr': {
    required: ['value'],
    strings: ['value'],
    check: formatted('value', (s) => MAC_48.test(s), 'a lowercase, colon-delimited MAC-48 address'),
  },
  mutex: { required: ['name'], strings: ['name'] },
  'network-traffic': {
    required: ['protocols'],
    // §6.12: at least one of src_ref and dst_ref.
    requiredOneOf: [['src_ref', 'dst_ref']],
    stringLists: ['protocols'],
    timestamps: ['start', 'end'],
    order: [['start', 'end', 'le']],
    booleans: ['is_active'],
    integers: {
      src_port: [0, 65535],
      dst_port: [0, 65535],
      src_byte_count: UINT,
      dst_byte_count: UINT,
      src_packets: UINT,
      dst_packets: UINT,
    },
    dictionaries: ['ipfix'],
    refs: {
      src_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'],
      dst_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'],
      src_payload_ref: ['artifact'],
      dst_payload_ref: ['artifact'],
      encapsulates_refs: ['network-traffic'],
      encapsulated_by_ref: ['network-traffic'],
    },
    check: (v) => {
      if (v.get('is_active') === true && v.has('end')) {
        v.error(C.PROPERTY_CONFLICT, `'end' MUST NOT be present when 'is_active' is true`, 'end');
      }
    },
  },
  process: {
    booleans: ['is_hidden'],
    integers: { pid: UINT },
    timestamps: ['created_time'],
    strings: ['cwd', 'command_line'],
    dictionaries: ['environment_variables'],
    refs: {
      opened_connection_refs: ['network-traffic'],
      creator_user_ref: ['user-account'],
      image_ref: ['file'],
      parent_ref: ['process'],
      child_refs: ['process'],
    },
    check: needsSpecificProperty,
  },
  software: {
    required: ['name'],
    strings: ['name', 'cpe', 'swid', 'vendor', 'version'],
    stringLists: ['languages'],
  },
  url: { required: ['value'], strings: ['value'] },
  'user-account': {
    strings: ['user_id', 'credential', 'account_login', 'display_name'],
    openVocabs: { account_type: V.ACCOUNT_TYPE_OV },
    booleans: ['is_service_account', 'is_privileged', 'can_escalate_privs', 'is_disabled'],
    timestamps: ['account_created', 'account_expires', 'credential_last_changed', 'account_first_login', 'account_last_login'],
    // §6.16: "As all properties of this object are optional, at least one … MUST be included"
    check: needsSpecificProperty,
  },
  'windows-registry-key': {
    strings: ['key'],
    timestamps: ['modified_time'],
    integers: { number_of_subkeys: UINT },
    refs: { creator_user_ref: ['user-account'] },
    objectLists: {
      // §6.17.2: all optional, "at least one of the properties … MUST be included"
      values: { requiredOneOf: [['name', 'data', 'data_type']], strings: ['name', 'data'], enums: { data_type: V.WINDOWS_REGISTRY_DATATYPE_ENUM } },
    },
    // §6.17: "As all properties of this object are optional, at least one … MUST be included"
    check: needsSpecificProperty,
  },
  'x509-certificate': {
    booleans: ['is_self_signed'],
    hashes: ['hashes'],
    strings: [
      'version',
      'serial_number',
      'signature_algorithm',
      'issuer',
      'subject',
      'subject_public_key_algorithm',
      'subject_public_key_modulus',
    ],
    integers: { subject_public_key_exponent: UINT },
    timestamps: ['validity_not_before', 'validity_not_after'],
    order: [['validity_not_before', 'validity_not_after', 'le']],
    dictionaries: ['x509_v3_extensions'],
    check: needsSpecificProperty,
  },
};
