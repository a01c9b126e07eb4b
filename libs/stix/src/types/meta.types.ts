// STIX 2.1 meta objects (§7) and the bundle (§8).

import type {
  CustomProperties,
  Extensions,
  ExternalReference,
  GranularMarking,
  Identifier,
  StixCoreCommon,
  Timestamp,
} from './common.types.js';
import type { StixCyberObservable } from './sco.types.js';
import type { StixDomainObject } from './sdo.types.js';
import type { StixRelationshipObject } from './sro.types.js';

export interface StatementMarking {
  statement: string;
}

export interface TlpMarking {
  tlp: 'white' | 'green' | 'amber' | 'red';
}

/** §7.2.1: immutable — no modified; definition_type/definition unless an extension defines the marking. */
export interface MarkingDefinition extends CustomProperties {
  type: 'marking-definition';
  spec_version: '2.1';
  id: Identifier<'marking-definition'>;
  created_by_ref?: Identifier<'identity'>;
  created: Timestamp;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  name?: string;
  definition_type?: string;
  definition?: StatementMarking | TlpMarking | Record<string, unknown>;
  extensions?: Extensions;
}

export interface LanguageContent extends StixCoreCommon {
  type: 'language-content';
  object_ref: Identifier;
  object_modified?: Timestamp;
  /** Language tag → (property name → translated content). */
  contents: Record<string, Record<string, unknown>>;
}

export interface ExtensionDefinition extends StixCoreCommon {
  type: 'extension-definition';
  created_by_ref: Identifier<'identity'>;
  name: string;
  description?: string;
  schema: string;
  version: string;
  extension_types: Array<'new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension'>;
  extension_properties?: string[];
}

export type StixMetaObject = MarkingDefinition | LanguageContent | ExtensionDefinition;

/** A custom object (`x-` type or a type declared by an extension definition), kept as given. */
export interface CustomObject extends CustomProperties {
  type: string;
  id: Identifier;
  spec_version?: string;
  extensions?: Extensions;
}

export type StixObject =
  | StixDomainObject
  | StixRelationshipObject
  | StixCyberObservable
  | StixMetaObject
  | CustomObject;

export interface Bundle {
  type: 'bundle';
  id: Identifier<'bundle'>;
  objects: StixObject[];
}
