// Type-specific rules of the STIX 2.1 SDOs (§4) and SROs (§5).

import { KILL_CHAIN_PHASE } from './common.rules.js';
import type { PropertyChecker } from './property-checker.js';
import type { PropertyRules } from './property-rules.js';
import { STIX_CODES as C } from './problems.js';
import * as V from './vocabularies.js';

const seen = (rules: PropertyRules): PropertyRules => ({
  ...rules,
  timestamps: [...(rules.timestamps ?? []), 'first_seen', 'last_seen'],
  // "last_seen MUST be greater than or equal to first_seen"
  order: [...(rules.order ?? []), ['first_seen', 'last_seen', 'le']],
});

const NAMED = { required: ['name'], strings: ['name', 'description'] } as const;

export const SDO_RULES: Readonly<Record<string, PropertyRules>> = {
  'attack-pattern': {
    ...NAMED,
    stringLists: ['aliases'],
    objectLists: { kill_chain_phases: KILL_CHAIN_PHASE },
  },
  campaign: seen({ ...NAMED, stringLists: ['aliases'], strings: ['name', 'description', 'objective'] }),
  'course-of-action': { ...NAMED },
  grouping: {
    required: ['context', 'object_refs'],
    strings: ['name', 'description'],
    openVocabs: { context: V.GROUPING_CONTEXT_OV },
    refs: { object_refs: 'any' },
  },
  identity: {
    ...NAMED,
    strings: ['name', 'description', 'contact_information'],
    stringLists: ['roles'],
    openVocabs: { identity_class: V.IDENTITY_CLASS_OV },
    openVocabLists: { sectors: V.INDUSTRY_SECTOR_OV },
  },
  incident: { ...NAMED, objectLists: { kill_chain_phases: KILL_CHAIN_PHASE } },
  indicator: {
    required: ['pattern', 'pattern_type', 'valid_from'],
    strings: ['name', 'description', 'pattern', 'pattern_version'],
    openVocabs: { pattern_type: V.PATTERN_TYPE_OV },
    openVocabLists: { indicator_types: V.INDICATOR_TYPE_OV },
    timestamps: ['valid_from', 'valid_until'],
    // §4.7: "valid_until ... MUST be greater than the timestamp in the valid_from property"
    order: [['valid_from', 'valid_until', 'lt']],
    objectLists: { kill_chain_phases: KILL_CHAIN_PHASE },
  },
  infrastructure: seen({
    ...NAMED,
    stringLists: ['aliases'],
    openVocabLists: { infrastructure_types: V.INFRASTRUCTURE_TYPE_OV },
    objectLists: { kill_chain_phases: KILL_CHAIN_PHASE },
  }),
  'intrusion-set': seen({
    ...NAMED,
    stringLists: ['aliases', 'goals'],
    openVocabs: { resource_level: V.ATTACK_RESOURCE_LEVEL_OV, primary_motivation: V.ATTACK_MOTIVATION_OV },
    openVocabLists: { secondary_motivations: V.ATTACK_MOTIVATION_OV },
  }),
  location: {
    strings: ['name', 'description', 'country', 'administrative_area', 'city', 'street_address', 'postal_code'],
    numbers: { latitude: [-90, 90], longitude: [-180, 180], precision: [0, Number.MAX_VALUE] },
    openVocabs: { region: V.REGION_OV },
    check: checkLocation,
  },
  malware: seen({
    required: ['is_family'],
    booleans: ['is_family'],
    strings: ['name', 'description'],
    stringLists: ['aliases'],
    openVocabLists: {
      malware_types: V.MALWARE_TYPE_OV,
      architecture_execution_envs: V.PROCESSOR_ARCHITECTURE_OV,
      implementation_languages: V.IMPLEMENTATION_LANGUAGE_OV,
      capabilities: V.MALWARE_CAPABILITIES_OV,
    },
    refs: { operating_system_refs: ['software'], sample_refs: ['file', 'artifact'] },
    objectLists: { kill_chain_phases: KILL_CHAIN_PHASE },
    check: (v) => {
      // §4.11: name is required when is_family is true.
      if (v.get('is_family') === true && !v.has('name')) {
        v.error(C.REQUIRED_PROPERTY, `'name' is required when 'is_family' is true`, 'name');
      }
    },
  }),
  'malware-analysis': {
    required: ['product'],
    requiredOneOf: [['result', 'analysis_sco_refs']],
    strings: [
      'product',
      'version',
      'configuration_version',
      'analysis_engine_version',
      'analysis_definition_version',
      'result_name',
    ],
    stringLists: ['modules'],
    timestamps: ['submitted', 'analysis_started', 'analysis_ended'],
    order: [['analysis_started', 'analysis_ended', 'le']],
    openVocabs: { result: V.MALWARE_RESULT_OV },
    refs: {
      host_vm_ref: ['software'],
      operating_system_ref: ['software'],
      installed_software_refs: ['software'],
      analysis_sco_refs: 'sco',
      sample_ref: ['file', 'artifact', 'network-traffic'],
    },
  },
  note: {
    required: ['content', 'object_refs'],
    strings: ['abstract', 'content'],
    stringLists: ['authors'],
    refs: { object_refs: 'any' },
  },
  'observed-data': {
    required: ['first_observed', 'last_observed', 'number_observed'],
    requiredOneOf: [['object_refs', 'objects']],
    exclusive: [['object_refs', 'objects']],
    timestamps: ['first_observed', 'last_observed'],
    order: [['first_observed', 'last_observed', 'le']],
    integers: { number_observed: [1, 999_999_999] },
    // §4.14: object_refs lists SCOs and the SROs between them.
    refs: { object_refs: 'sco-or-sro' },
    check: (v) => {
      if (v.has('objects')) v.warn(C.DEPRECATED, `'objects' is deprecated in STIX 2.1; use 'object_refs'`, 'objects');
    },
  },
  opinion: {
    required: ['opinion', 'object_refs'],
    strings: ['explanation'],
    stringLists: ['authors'],
    enums: { opinion: V.OPINION_ENUM },
    refs: { object_refs: 'any' },
  },
  report: {
    required: ['name', 'published', 'object_refs'],
    strings: ['name', 'description'],
    timestamps: ['published'],
    openVocabLists: { report_types: V.REPORT_TYPE_OV },
    refs: { object_refs: 'any' },
  },
  'threat-actor': seen({
    ...NAMED,
    stringLists: ['aliases', 'goals'],
    openVocabs: {
      sophistication: V.THREAT_ACTOR_SOPHISTICATION_OV,
      resource_level: V.ATTACK_RESOURCE_LEVEL_OV,
      primary_motivation: V.ATTACK_MOTIVATION_OV,
    },
    openVocabLists: {
      threat_actor_types: V.THREAT_ACTOR_TYPE_OV,
      roles: V.THREAT_ACTOR_ROLE_OV,
      secondary_motivations: V.ATTACK_MOTIVATION_OV,
      personal_motivations: V.ATTACK_MOTIVATION_OV,
    },
  }),
  tool: {
    ...NAMED,
    strings: ['name', 'description', 'tool_version'],
    stringLists: ['aliases'],
    openVocabLists: { tool_types: V.TOOL_TYPE_OV },
    objectLists: { kill_chain_phases: KILL_CHAIN_PHASE },
  },
  vulnerability: { ...NAMED },
};

/** §5.1: relationship types are ASCII lowercase letters, digits and hyphens. */
const RELATIONSHIP_TYPE = /^[a-z0-9-]+$/;

export const SRO_RULES: Readonly<Record<string, PropertyRules>> = {
  relationship: {
    required: ['relationship_type', 'source_ref', 'target_ref'],
    strings: ['relationship_type', 'description'],
    timestamps: ['start_time', 'stop_time'],
    // §5.1: "stop_time MUST be later than the start_time value"
    order: [['start_time', 'stop_time', 'lt']],
    // §5.1: source and target MUST be SDOs or SCOs.
    refs: { source_ref: 'sdo-or-sco', target_ref: 'sdo-or-sco' },
    check: (v) => {
      const type = v.get('relationship_type');
      if (typeof type === 'string' && !RELATIONSHIP_TYPE.test(type)) {
        v.error(C.INVALID_VALUE, `'relationship_type' must use only a-z, 0-9 and '-'`, 'relationship_type');
      }
    },
  },
  sighting: seen({
    required: ['sighting_of_ref'],
    strings: ['description'],
    booleans: ['summary'],
    integers: { count: [0, 999_999_999] },
    // §5.2: sighting_of_ref points to an SDO.
    refs: {
      sighting_of_ref: 'sdo',
      observed_data_refs: ['observed-data'],
      where_sighted_refs: ['identity', 'location'],
    },
  }),
};

function checkLocation(v: PropertyChecker): void {
  // §4.10: latitude and longitude come together; precision needs both; and a location names at
  // least a region, a country or a latitude/longitude pair.
  if (v.has('latitude') !== v.has('longitude')) {
    const missing = v.has('latitude') ? 'longitude' : 'latitude';
    v.error(C.REQUIRED_PROPERTY, `'latitude' and 'longitude' MUST be present together`, missing);
  }
  if (v.has('precision') && !(v.has('latitude') && v.has('longitude'))) {
    v.error(C.REQUIRED_PROPERTY, `'precision' requires 'latitude' and 'longitude'`, 'precision');
  }
  if (!v.has('region') && !v.has('country') && !(v.has('latitude') && v.has('longitude'))) {
    v.error(C.REQUIRED_ONE_OF, `a location needs 'region', 'country', or 'latitude' and 'longitude'`);
  }
}
