// Type-specific rules of the STIX 2.1 meta objects (§7): marking-definition, language-content,
// extension-definition.

import { isLanguageTag } from './language-tags.js';
import { describe, hasOwn, isPlainObject, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';
import type { PropertyRules } from './property-rules.js';
import {
  labelOfTlp2Level,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  type Tlp1Level,
} from './tlp-markings.js';
import * as V from './vocabularies.js';

export const META_RULES: Readonly<Record<string, PropertyRules>> = {
  'marking-definition': {
    strings: ['name', 'definition_type'],
    openVocabs: { definition_type: V.MARKING_DEFINITION_TYPE_OV },
    check: checkMarkingDefinition,
  },
  'language-content': {
    required: ['object_ref', 'contents'],
    timestamps: ['object_modified'],
    refs: { object_ref: 'any' },
    check: checkContents,
  },
  'extension-definition': {
    required: ['created_by_ref', 'name', 'schema', 'version', 'extension_types'],
    strings: ['name', 'description', 'schema', 'version'],
    enumLists: { extension_types: V.EXTENSION_TYPE_ENUM },
    stringLists: ['extension_properties'],
    check: (v) => {
      // §7.3: extension_properties is only for toplevel-property-extension.
      const types = v.get('extension_types');
      if (v.has('extension_properties') && !(Array.isArray(types) && types.includes('toplevel-property-extension'))) {
        v.error(
          C.PROPERTY_CONFLICT,
          `'extension_properties' is only allowed when 'extension_types' has 'toplevel-property-extension'`,
          'extension_properties',
        );
      }
    },
  },
};

function checkMarkingDefinition(v: PropertyChecker): void {
  // §7.2.1: definition_type and definition are required unless an extension defines the marking.
  if (!v.has('extensions')) {
    for (const prop of ['definition_type', 'definition']) {
      if (!v.has(prop)) v.error(C.REQUIRED_PROPERTY, `'${prop}' is required when 'extensions' is absent`, prop);
    }
  }
  const definition = v.get('definition');
  if (v.has('definition') && !isPlainObject(definition)) {
    v.error(C.INVALID_PROPERTY_TYPE, `'definition' must be an object, got ${describe(definition)}`, 'definition');
  } else if (isPlainObject(definition)) {
    const d = v.child(definition, 'definition');
    if (v.get('definition_type') === 'statement') d.apply(STATEMENT_DEFINITION);
    if (v.get('definition_type') === 'tlp') {
      d.apply(TLP1_DEFINITION);
      checkTlp1Id(v, d.get('tlp'));
    }
  }
  checkTlp2Extension(v);
  checkCircularMarkings(v);
}

/**
 * §3.2 object_marking_refs, granular_markings: a marking definition's own markings "MUST NOT
 * contain any references to the same Marking Definition object".
 */
function checkCircularMarkings(v: PropertyChecker): void {
  const id = v.get('id');
  if (typeof id !== 'string') return;
  const refs = v.get('object_marking_refs');
  if (Array.isArray(refs)) {
    refs.forEach((ref, i) => {
      if (ref === id) v.error(C.CIRCULAR_MARKING, `a marking definition MUST NOT mark itself`, 'object_marking_refs', i);
    });
  }
  const granular = v.get('granular_markings');
  if (Array.isArray(granular)) {
    granular.forEach((marking, i) => {
      if (isPlainObject(marking) && hasOwn(marking, 'marking_ref') && marking['marking_ref'] === id) {
        v.error(C.CIRCULAR_MARKING, `a marking definition MUST NOT mark itself`, 'granular_markings', i, 'marking_ref');
      }
    });
  }
}

const STATEMENT_DEFINITION: PropertyRules = { required: ['statement'], strings: ['statement'] };
const TLP1_DEFINITION: PropertyRules = { required: ['tlp'], enums: { tlp: V.TLP1_LEVEL_ENUM } };
const TLP2_EXTENSION: PropertyRules = { required: ['tlp_2_0'], enums: { tlp_2_0: ['clear', 'green', 'amber', 'amber+strict', 'red'] } };

/** §7.2.1.4: only the standard TLP marking definitions may be used; no other instances. */
function checkTlp1Id(v: PropertyChecker, level: unknown): void {
  if (typeof level !== 'string' || !hasOwn(TLP1_MARKING_IDS, level)) return;
  const expected = TLP1_MARKING_IDS[level as Tlp1Level];
  if (v.get('id') !== expected) {
    v.error(C.TLP_DEFINITION, `a TLP:${level.toUpperCase()} marking definition MUST use the standard id ${expected}`, 'id');
  }
}

/** TLP 2.0 markings are fixed objects; a marking claiming a TLP 2.0 level must be the standard one. */
function checkTlp2Extension(v: PropertyChecker): void {
  const extensions = v.get('extensions');
  if (!isPlainObject(extensions) || !hasOwn(extensions, TLP2_EXTENSION_ID)) return;
  const entry = extensions[TLP2_EXTENSION_ID];
  if (!isPlainObject(entry)) return; // reported by the extensions check
  const e = v.child(entry, 'extensions', TLP2_EXTENSION_ID);
  e.apply(TLP2_EXTENSION);
  const label = labelOfTlp2Level(e.get('tlp_2_0'));
  if (label && v.get('id') !== TLP2_MARKING_IDS[label]) {
    v.error(C.TLP_DEFINITION, `a ${label} (TLP 2.0) marking definition MUST use the standard id ${TLP2_MARKING_IDS[label]}`, 'id');
  }
}

/** §7.1: contents maps language tags to dictionaries of translated properties. */
function checkContents(v: PropertyChecker): void {
  const contents = v.dictionary('contents');
  if (!contents) return;
  for (const [lang, translation] of Object.entries(contents)) {
    // §7.1: "The keys in the dictionary MUST be RFC 5646 language codes"
    if (!isLanguageTag(lang)) {
      v.error(C.INVALID_LANGUAGE_TAG, `'contents' key ${describe(lang)} must be an RFC 5646 language tag`, 'contents', lang);
    }
    if (!isPlainObject(translation)) {
      v.error(C.INVALID_PROPERTY_TYPE, `'contents.${lang}' must be a dictionary, got ${describe(translation)}`, 'contents', lang);
    }
  }
}
