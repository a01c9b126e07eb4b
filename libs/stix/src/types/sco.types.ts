// STIX 2.1 Cyber-observable Objects (§6) and their predefined extensions.

import type { Dictionary, Hashes, Identifier, ScoCommon, Timestamp } from './common.types.js';

export interface Artifact extends ScoCommon {
  type: 'artifact';
  mime_type?: string;
  payload_bin?: string;
  url?: string;
  hashes?: Hashes;
  encryption_algorithm?: 'AES-256-GCM' | 'ChaCha20-Poly1305' | 'mime-type-indicated';
  decryption_key?: string;
}

export interface AutonomousSystem extends ScoCommon {
  type: 'autonomous-system';
  number: number;
  name?: string;
  rir?: string;
}

export interface Directory extends ScoCommon {
  type: 'directory';
  path: string;
  path_enc?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  contains_refs?: Identifier<'file' | 'directory'>[];
}

export interface DomainName extends ScoCommon {
  type: 'domain-name';
  value: string;
  resolves_to_refs?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'domain-name'>[];
}

export interface EmailAddress extends ScoCommon {
  type: 'email-addr';
  value: string;
  display_name?: string;
  belongs_to_ref?: Identifier<'user-account'>;
}

export interface EmailMimeComponent {
  body?: string;
  body_raw_ref?: Identifier<'artifact' | 'file'>;
  content_type?: string;
  content_disposition?: string;
}

export interface EmailMessage extends ScoCommon {
  type: 'email-message';
  is_multipart: boolean;
  date?: Timestamp;
  content_type?: string;
  from_ref?: Identifier<'email-addr'>;
  sender_ref?: Identifier<'email-addr'>;
  to_refs?: Identifier<'email-addr'>[];
  cc_refs?: Identifier<'email-addr'>[];
  bcc_refs?: Identifier<'email-addr'>[];
  message_id?: string;
  subject?: string;
  received_lines?: string[];
  additional_header_fields?: Record<string, string | string[]>;
  body?: string;
  body_multipart?: EmailMimeComponent[];
  raw_email_ref?: Identifier<'artifact'>;
}

export interface File extends ScoCommon {
  type: 'file';
  hashes?: Hashes;
  size?: number;
  name?: string;
  name_enc?: string;
  magic_number_hex?: string;
  mime_type?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  parent_directory_ref?: Identifier<'directory'>;
  contains_refs?: Identifier[];
  content_ref?: Identifier<'artifact'>;
}

export interface IPv4Address extends ScoCommon {
  type: 'ipv4-addr';
  value: string;
  resolves_to_refs?: Identifier<'mac-addr'>[];
  belongs_to_refs?: Identifier<'autonomous-system'>[];
}

export interface IPv6Address extends ScoCommon {
  type: 'ipv6-addr';
  value: string;
  resolves_to_refs?: Identifier<'mac-addr'>[];
  belongs_to_refs?: Identifier<'autonomous-system'>[];
}

export interface MacAddress extends ScoCommon {
  type: 'mac-addr';
  value: string;
}

export interface Mutex extends ScoCommon {
  type: 'mutex';
  name: string;
}

export interface NetworkTraffic extends ScoCommon {
  type: 'network-traffic';
  start?: Timestamp;
  end?: Timestamp;
  is_active?: boolean;
  src_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  dst_ref?: Identifier<'ipv4-addr' | 'ipv6-addr' | 'mac-addr' | 'domain-name'>;
  src_port?: number;
  dst_port?: number;
  protocols: string[];
  src_byte_count?: number;
  dst_byte_count?: number;
  src_packets?: number;
  dst_packets?: number;
  ipfix?: Dictionary;
  src_payload_ref?: Identifier<'artifact'>;
  dst_payload_ref?: Identifier<'artifact'>;
  encapsulates_refs?: Identifier<'network-traffic'>[];
  encapsulated_by_ref?: Identifier<'network-traffic'>;
}

export interface Process extends ScoCommon {
  type: 'process';
  is_hidden?: boolean;
  pid?: number;
  created_time?: Timestamp;
  cwd?: string;
  command_line?: string;
  environment_variables?: Record<string, string>;
  opened_connection_refs?: Identifier<'network-traffic'>[];
  creator_user_ref?: Identifier<'user-account'>;
  image_ref?: Identifier<'file'>;
  parent_ref?: Identifier<'process'>;
  child_refs?: Identifier<'process'>[];
}

export interface Software extends ScoCommon {
  type: 'software';
  name: string;
  cpe?: string;
  swid?: string;
  languages?: string[];
  vendor?: string;
  version?: string;
}

export interface Url extends ScoCommon {
  type: 'url';
  value: string;
}

export interface UserAccount extends ScoCommon {
  type: 'user-account';
  user_id?: string;
  credential?: string;
  account_login?: string;
  account_type?: string;
  display_name?: string;
  is_service_account?: boolean;
  is_privileged?: boolean;
  can_escalate_privs?: boolean;
  is_disabled?: boolean;
  account_created?: Timestamp;
  account_expires?: Timestamp;
  credential_last_changed?: Timestamp;
  account_first_login?: Timestamp;
  account_last_login?: Timestamp;
}

export interface WindowsRegistryValue {
  name?: string;
  data?: string;
  data_type?: string;
}

export interface WindowsRegistryKey extends ScoCommon {
  type: 'windows-registry-key';
  key?: string;
  values?: WindowsRegistryValue[];
  modified_time?: Timestamp;
  creator_user_ref?: Identifier<'user-account'>;
  number_of_subkeys?: number;
}

export interface X509Certificate extends ScoCommon {
  type: 'x509-certificate';
  is_self_signed?: boolean;
  hashes?: Hashes;
  version?: string;
  serial_number?: string;
  signature_algorithm?: string;
  issuer?: string;
  validity_not_before?: Timestamp;
  validity_not_after?: Timestamp;
  subject?: string;
  subject_public_key_algorithm?: string;
  subject_public_key_modulus?: string;
  subject_public_key_exponent?: number;
  x509_v3_extensions?: Record<string, string>;
}

export type StixCyberObservable =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddress
  | EmailMessage
  | File
  | IPv4Address
  | IPv6Address
  | MacAddress
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
