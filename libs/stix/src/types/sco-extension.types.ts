// The predefined STIX 2.1 SCO extensions (§6), by the name used as their `extensions` key.

import type { Dictionary, Hashes, Identifier, Timestamp } from './common.types.js';

export interface ArchiveExtension {
  contains_refs: Identifier<'file' | 'directory'>[];
  comment?: string;
}

export interface NtfsExtension {
  sid?: string;
  alternate_data_streams?: Array<{ name: string; hashes?: Hashes; size?: number }>;
}

export interface PdfExtension {
  version?: string;
  is_optimized?: boolean;
  document_info_dict?: Record<string, string>;
  pdfid0?: string;
  pdfid1?: string;
}

export interface RasterImageExtension {
  image_height?: number;
  image_width?: number;
  bits_per_pixel?: number;
  exif_tags?: Dictionary;
}

export interface WindowsPeSection {
  name: string;
  size?: number;
  entropy?: number;
  hashes?: Hashes;
}

export interface WindowsPeBinaryExtension {
  pe_type: string;
  imphash?: string;
  machine_hex?: string;
  number_of_sections?: number;
  time_date_stamp?: Timestamp;
  pointer_to_symbol_table_hex?: string;
  number_of_symbols?: number;
  size_of_optional_header?: number;
  characteristics_hex?: string;
  file_header_hashes?: Hashes;
  optional_header?: Dictionary;
  sections?: WindowsPeSection[];
}

export interface HttpRequestExtension {
  request_method: string;
  request_value: string;
  request_version?: string;
  request_header?: Record<string, string | string[]>;
  message_body_length?: number;
  message_body_data_ref?: Identifier<'artifact'>;
}

export interface IcmpExtension {
  icmp_type_hex: string;
  icmp_code_hex: string;
}

export interface SocketExtension {
  address_family: string;
  is_blocking?: boolean;
  is_listening?: boolean;
  options?: Record<string, number>;
  socket_type?: string;
  socket_descriptor?: number;
  socket_handle?: number;
}

export interface TcpExtension {
  src_flags_hex?: string;
  dst_flags_hex?: string;
}

export interface WindowsProcessExtension {
  aslr_enabled?: boolean;
  dep_enabled?: boolean;
  priority?: string;
  owner_sid?: string;
  window_title?: string;
  startup_info?: Dictionary;
  integrity_level?: 'low' | 'medium' | 'high' | 'system';
}

export interface WindowsServiceExtension {
  service_name?: string;
  descriptions?: string[];
  display_name?: string;
  group_name?: string;
  start_type?: string;
  service_dll_refs?: Identifier<'file'>[];
  service_type?: string;
  service_status?: string;
}

export interface UnixAccountExtension {
  gid?: number;
  groups?: string[];
  home_dir?: string;
  shell?: string;
}
