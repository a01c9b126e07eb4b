// STIX 2.1 common data types and common properties (§2, §3.2). Property names follow the
// specification exactly, so parsed JSON can be used as these types without mapping.

/** `<type>--<UUID>` (§2.9). */
export type Identifier<T extends string = string> = `${T}--${string}`;

/** RFC 3339 in UTC ending in `Z`, e.g. `2016-05-12T08:17:27.000Z`. */
export type Timestamp = string;

/** Hash algorithm name (hash-algorithm-ov or custom) to hash value. */
export type Hashes = Record<string, string>;

export type Dictionary = Record<string, unknown>;

export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Hashes;
  external_id?: string;
}

export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** §7.2.3: exactly one of marking_ref and lang. */
export interface GranularMarking {
  selectors: string[];
  marking_ref?: Identifier<'marking-definition'>;
  lang?: string;
}

/** An entry of an `extensions` dictionary keyed by an extension-definition id (§7.3). */
export interface ExtensionEntry {
  extension_type?: 'new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension';
  [property: string]: unknown;
}

/**
 * Keys are `extension-definition--<UUID>` or a predefined SCO extension name. Values stay as
 * given: the validator never rewrites input.
 */
export type Extensions = Record<string, ExtensionEntry | Record<string, unknown>>;

/** Custom properties (§11.1) are kept as given. */
export interface CustomProperties {
  [property: string]: unknown;
}

/** Common properties of SDOs and SROs. */
export interface StixCoreCommon extends CustomProperties {
  type: string;
  spec_version: '2.1';
  id: Identifier;
  created_by_ref?: Identifier<'identity'>;
  created: Timestamp;
  modified: Timestamp;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  extensions?: Extensions;
}

/** Common properties of SCOs: no created/modified, optional spec_version. */
export interface ScoCommon extends CustomProperties {
  type: string;
  spec_version?: '2.1';
  id: Identifier;
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  defanged?: boolean;
  extensions?: Extensions;
}
