// Rules of the predefined STIX 2.1 SCO extensions (§6: archive-ext, ntfs-ext, …).

import { compiledRules, type PropertyRules } from './property-rules.js';
import { UINT } from './sco.rules.js';
import * as V from './vocabularies.js';

/**
 * Extensions whose properties are all optional: "An object using the … Extension MUST contain at
 * least one property from this extension" (§6.7.2 ntfs-ext, pdf-ext, raster-image-ext, §6.11.5
 * windows-process-ext, windows-service-ext, §6.16.2 unix-account-ext, §6.12.5 tcp-ext).
 */
function atLeastOne(rules: PropertyRules): PropertyRules {
  return { ...rules, requiredOneOf: [[...compiledRules(rules).defined]] };
}

/** §6: predefined SCO extensions, keyed by name, with the SCO type each belongs to. */
export const SCO_EXTENSION_RULES: Readonly<Record<string, { scoType: string; rules: PropertyRules }>> = {
  'archive-ext': {
    scoType: 'file',
    rules: { required: ['contains_refs'], strings: ['comment'], refs: { contains_refs: ['file', 'directory'] } },
  },
  'ntfs-ext': {
    scoType: 'file',
    rules: atLeastOne({
      strings: ['sid'],
      objectLists: {
        alternate_data_streams: { required: ['name'], strings: ['name'], hashes: ['hashes'], integers: { size: UINT } },
      },
    }),
  },
  'pdf-ext': {
    scoType: 'file',
    rules: atLeastOne({ strings: ['version', 'pdfid0', 'pdfid1'], booleans: ['is_optimized'], dictionaries: ['document_info_dict'] }),
  },
  'raster-image-ext': {
    scoType: 'file',
    rules: atLeastOne({
      integers: { image_height: UINT, image_width: UINT, bits_per_pixel: UINT },
      dictionaries: ['exif_tags'],
    }),
  },
  'windows-pebinary-ext': {
    scoType: 'file',
    rules: {
      required: ['pe_type'],
      openVocabs: { pe_type: V.WINDOWS_PEBINARY_TYPE_OV },
      strings: ['imphash', 'machine_hex', 'pointer_to_symbol_table_hex', 'characteristics_hex'],
      integers: { number_of_sections: UINT, number_of_symbols: UINT, size_of_optional_header: UINT },
      timestamps: ['time_date_stamp'],
      hashes: ['file_header_hashes'],
      objects: { optional_header: { hashes: ['hashes'] } },
      objectLists: {
        sections: { required: ['name'], strings: ['name'], integers: { size: UINT }, numbers: { entropy: [0, 8] }, hashes: ['hashes'] },
      },
    },
  },
  'http-request-ext': {
    scoType: 'network-traffic',
    rules: {
      required: ['request_method', 'request_value'],
      strings: ['request_method', 'request_value', 'request_version'],
      dictionaries: ['request_header'],
      integers: { message_body_length: UINT },
      refs: { message_body_data_ref: ['artifact'] },
    },
  },
  'icmp-ext': {
    scoType: 'network-traffic',
    rules: {
      required: ['icmp_type_hex', 'icmp_code_hex'],
      strings: ['icmp_type_hex', 'icmp_code_hex'],
    },
  },
  'socket-ext': {
    scoType: 'network-traffic',
    rules: {
      required: ['address_family'],
      enums: { address_family: V.NETWORK_SOCKET_ADDRESS_FAMILY_ENUM, socket_type: V.NETWORK_SOCKET_TYPE_ENUM },
      booleans: ['is_blocking', 'is_listening'],
      dictionaries: ['options'],
      integers: { socket_descriptor: UINT, socket_handle: UINT },
    },
  },
  'tcp-ext': {
    scoType: 'network-traffic',
    rules: atLeastOne({ strings: ['src_flags_hex', 'dst_flags_hex'] }),
  },
  'windows-process-ext': {
    scoType: 'process',
    rules: atLeastOne({
      booleans: ['aslr_enabled', 'dep_enabled'],
      strings: ['priority', 'owner_sid', 'window_title'],
      dictionaries: ['startup_info'],
      enums: { integrity_level: V.WINDOWS_INTEGRITY_LEVEL_ENUM },
    }),
  },
  'windows-service-ext': {
    scoType: 'process',
    rules: atLeastOne({
      strings: ['service_name', 'display_name', 'group_name'],
      stringLists: ['descriptions'],
      enums: {
        start_type: V.WINDOWS_SERVICE_START_TYPE_ENUM,
        service_type: V.WINDOWS_SERVICE_TYPE_ENUM,
        service_status: V.WINDOWS_SERVICE_STATUS_ENUM,
      },
      refs: { service_dll_refs: ['file'] },
    }),
  },
  'unix-account-ext': {
    scoType: 'user-account',
    rules: atLeastOne({ integers: { gid: UINT }, stringLists: ['groups'], strings: ['home_dir', 'shell'] }),
  },
};
