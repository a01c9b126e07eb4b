// Rules shared by many objects: common properties (STIX 2.1 §3.2) and the nested data types
// external-reference and kill-chain-phase.

import type { PropertyRules } from './property-rules.js';

/** External reference: `source_name` plus at least one of description, url, external_id. */
export const EXTERNAL_REFERENCE: PropertyRules = {
  required: ['source_name'],
  requiredOneOf: [['description', 'url', 'external_id']],
  strings: ['source_name', 'description', 'url', 'external_id'],
  hashes: ['hashes'],
};

export const KILL_CHAIN_PHASE: PropertyRules = {
  required: ['kill_chain_name', 'phase_name'],
  strings: ['kill_chain_name', 'phase_name'],
};

/** Common properties of SDOs, SROs, language-content and extension-definition objects. */
export const VERSIONED_COMMON: PropertyRules = {
  required: ['spec_version', 'created', 'modified'],
  timestamps: ['created', 'modified'],
  // "modified MUST be later than or equal to the value of the created property"
  order: [['created', 'modified', 'le']],
  refs: { created_by_ref: ['identity'], object_marking_refs: ['marking-definition'] },
  booleans: ['revoked'],
  stringLists: ['labels', 'object_marking_refs'],
  integers: { confidence: [0, 100] },
  strings: ['lang'],
  objectLists: { external_references: EXTERNAL_REFERENCE },
};

/** Common properties of SCOs: no created/modified; spec_version is optional. */
export const SCO_COMMON: PropertyRules = {
  refs: { object_marking_refs: ['marking-definition'] },
  stringLists: ['object_marking_refs'],
  booleans: ['defanged'],
};

/** Marking definitions are never versioned: no modified, revoked, labels, confidence or lang. */
export const MARKING_COMMON: PropertyRules = {
  required: ['spec_version', 'created'],
  timestamps: ['created'],
  refs: { created_by_ref: ['identity'], object_marking_refs: ['marking-definition'] },
  stringLists: ['object_marking_refs'],
  objectLists: { external_references: EXTERNAL_REFERENCE },
};
