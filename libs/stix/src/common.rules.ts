// Rules shared by many objects: common properties (STIX 2.1 §3.2) and the nested data types
// external-reference and kill-chain-phase.

import { checkLanguageTag } from './language-tags.js';
import { describe, hasOwn, isPlainObject, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';
import type { PropertyRules } from './property-rules.js';
import { isStixTimestamp } from './timestamps.js';
import { HASH_ALGORITHM_OV } from './vocabularies.js';

/** §2.5.1: the hashes of an external reference: "Dictionary keys MUST come from … hash-algorithm-ov". */
function checkExternalReferenceHashes(v: PropertyChecker): void {
  const hashes = v.get('hashes');
  if (!isPlainObject(hashes)) return;
  for (const algorithm of Object.keys(hashes)) {
    if (!(HASH_ALGORITHM_OV as readonly string[]).includes(algorithm)) {
      v.error(
        C.INVALID_DICTIONARY_KEY,
        `an external reference's hashes must use ${HASH_ALGORITHM_OV.join(', ')}; got ${describe(algorithm)}`,
        'hashes',
        algorithm,
      );
    }
  }
}

/**
 * §3.2 created, modified: "The minimum precision MUST be milliseconds (three digits after the
 * decimal place in seconds)"; the same of a marking definition's `created` (§7.2.1). An error, as
 * the OASIS validator and JSON schemas (timestamp_millis) have it: accepting what they refuse
 * would pass on content other STIX consumers cannot take.
 */
function checkVersionPrecision(v: PropertyChecker): void {
  for (const prop of VERSION_TIMESTAMPS) {
    const value = hasOwn(v.obj, prop) ? v.obj[prop] : undefined;
    // YYYY-MM-DDTHH:mm:ss.sssZ is 24 characters, a shorter valid one has fewer fraction digits
    // (the length first: nearly every timestamp is long enough and is not parsed again)
    if (typeof value === 'string' && value.length < 24 && isStixTimestamp(value)) {
      v.error(C.TIMESTAMP_PRECISION, `'${prop}' MUST be precise to at least milliseconds (…:ss.sssZ), got ${describe(value)}`, prop);
    }
  }
}
const VERSION_TIMESTAMPS = ['created', 'modified'];

function checkVersionedCommon(v: PropertyChecker): void {
  checkVersionPrecision(v);
  checkLanguageTag(v, 'lang');
}

/** External reference: `source_name` plus at least one of description, url, external_id. */
export const EXTERNAL_REFERENCE: PropertyRules = {
  required: ['source_name'],
  requiredOneOf: [['description', 'url', 'external_id']],
  strings: ['source_name', 'description', 'url', 'external_id'],
  hashes: ['hashes'],
  check: checkExternalReferenceHashes,
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
  check: checkVersionedCommon,
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
  check: checkVersionPrecision,
};
