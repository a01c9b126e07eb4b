// The object types defined by STIX 2.1 (§4 SDOs, §5 SROs, §6 SCOs, §7 meta objects).

export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

export const META_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

export type SdoType = (typeof SDO_TYPES)[number];
export type SroType = (typeof SRO_TYPES)[number];
export type ScoType = (typeof SCO_TYPES)[number];
export type MetaType = (typeof META_TYPES)[number];
export type StixType = SdoType | SroType | ScoType | MetaType;

export type ObjectKind = 'sdo' | 'sro' | 'sco' | 'meta';

const KIND_OF = new Map<string, ObjectKind>([
  ...SDO_TYPES.map((t) => [t, 'sdo'] as const),
  ...SRO_TYPES.map((t) => [t, 'sro'] as const),
  ...SCO_TYPES.map((t) => [t, 'sco'] as const),
  ...META_TYPES.map((t) => [t, 'meta'] as const),
]);

/** The kind of a type defined by the specification; undefined for custom and unknown types. */
export function kindOfType(type: string): ObjectKind | undefined {
  return KIND_OF.get(type);
}

export function isSpecType(type: string): type is StixType {
  return KIND_OF.has(type);
}

/**
 * STIX 2.1 §11.2 (deprecated custom objects) uses an `x-` prefix; §7.3 extension definitions
 * announce new object types through an `extension_type` of `new-sdo`, `new-sco` or `new-sro`.
 */
export function isCustomTypeName(type: string): boolean {
  return type.startsWith('x-');
}
