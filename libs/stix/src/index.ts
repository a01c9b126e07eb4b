// @isac/stix — STIX 2.1 model, validator, pattern parser, TLP markings and deterministic SCO ids.
// Pure: no framework, database or queue imports.

export type * from './types/common.types.js';
export type * from './types/sdo.types.js';
export type * from './types/sro.types.js';
export type * from './types/sco.types.js';
export type * from './types/sco-extension.types.js';
export type * from './types/meta.types.js';

export { STIX_CODES, type StixCode, type StixProblem, type ValidationReport } from './problems.js';
export { validateBundle } from './bundle.validator.js';
export { validateObject } from './object.validator.js';
export { checkableObjects } from './checkable-objects.js';
export {
  unresolvedReferences,
  referencesOutsideBundle,
  type UnresolvedReference,
} from './unresolved-references.js';

export {
  SDO_TYPES,
  SRO_TYPES,
  SCO_TYPES,
  META_TYPES,
  kindOfType,
  isSpecType,
  type ObjectKind,
  type SdoType,
  type SroType,
  type ScoType,
  type MetaType,
  type StixType,
} from './object-kinds.js';
export { isIdentifier, parseIdentifier, typeOfIdentifier, type ParsedIdentifier } from './identifiers.js';
export { isStixTimestamp, compareTimestamps } from './timestamps.js';

export {
  TLP_ORDER,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  TLP1_MARKING_IDS,
  isTlpLabel,
  isTlpMarkingRef,
  tlpOfMarkingRef,
  effectiveTlp,
  markingRefFor,
  withTlp,
  tlpMarkingDefinition,
  tlp1MarkingDefinition,
  mostRestrictive,
  tlpRank,
  type TlpLabel,
  type Tlp1Level,
  type Tlp2Level,
  type MarkingDefinitionId,
} from './tlp-markings.js';

export { mayCarryGranularMarkings, objectAsSeenBy, withholdParts } from './granular-withholding.js';
export { requiredPropertiesOf } from './object.validator.js';

export { parsePattern } from './pattern.parser.js';
export type * from './pattern.ast.js';

export { scoId, scoIdContributions, SCO_ID_CONTRIBUTING_PROPERTIES, STIX_SCO_NAMESPACE } from './sco-id.js';
export { canonicalJson } from './canonical-json.js';
export { uuidV5 } from './uuid.js';

export {
  INCIDENT_CORE_EXTENSION_ID,
  INCIDENT_DETERMINATION_ENUM,
  INCIDENT_INVESTIGATION_OV,
  RECOVERABILITY_ENUM,
  incidentCore,
  type IncidentCoreExtension,
  type IncidentDetermination,
  type IncidentWithCore,
  type IncidentScore,
  type EventEntry,
  type TaskEntry,
  type Recoverability,
} from './incident-core.js';

// spec-conformant examples of every object type, for the tests and benchmarks of other contexts
export * as stixFixtures from './testing/stix-fixtures.js';
