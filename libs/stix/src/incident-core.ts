// The OASIS Incident Core Extension 2.0 (cti-stix-common-objects, incident-core,
// extension-definition--ef765651-…): determination, investigation status, criticality, impact,
// event and task references carried by an incident as a property extension.

import { isPlainObject, own, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';
import type { PropertyRules } from './property-rules.js';
import type { Identifier } from './types/common.types.js';
import type { Incident } from './types/sdo.types.js';

export const INCIDENT_CORE_EXTENSION_ID = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';

/** incident-determination-enum */
export const INCIDENT_DETERMINATION_ENUM = [
  'blocked',
  'successful-attempt',
  'failed-attempt',
  'false-positive',
  'low-value',
  'suspected',
] as const;
/** incident-investigation-ov (open) */
export const INCIDENT_INVESTIGATION_OV = ['new', 'open', 'closed'] as const;
/** recoverability-enum */
export const RECOVERABILITY_ENUM = ['extended', 'not-applicable', 'not-recoverable', 'regular', 'supplemented'] as const;
/** activity-condition-enum */
export const ACTIVITY_CONDITION_ENUM = ['optional', 'required', 'unknown'] as const;
/** activity-transition-enum */
export const ACTIVITY_TRANSITION_ENUM = ['completion', 'failure', 'success', 'unknown'] as const;

export type IncidentDetermination = (typeof INCIDENT_DETERMINATION_ENUM)[number];
export type Recoverability = (typeof RECOVERABILITY_ENUM)[number];

export interface EventEntry {
  event_ref: Identifier<'event'>;
  sequence_start?: boolean;
  next_steps?: Array<{
    condition_type: (typeof ACTIVITY_CONDITION_ENUM)[number];
    event_ref: Identifier<'event'>;
    transition_type: (typeof ACTIVITY_TRANSITION_ENUM)[number];
  }>;
}

export interface TaskEntry {
  task_ref: Identifier<'task'>;
  sequence_start?: boolean;
  next_steps?: Array<{
    condition_type: (typeof ACTIVITY_CONDITION_ENUM)[number];
    task_ref: Identifier<'task'>;
    transition_type: (typeof ACTIVITY_TRANSITION_ENUM)[number];
  }>;
}

export interface IncidentScore {
  name: string;
  value: number;
  description?: string;
}

export interface IncidentCoreExtension {
  extension_type: 'property-extension';
  determination: IncidentDetermination;
  /** Open vocabulary: new, open, closed. */
  investigation_status: string;
  /** 0–100 (the extension's Appendix B maps qualitative scales onto it). */
  criticality?: number;
  detection_methods?: string[];
  events?: EventEntry[];
  tasks?: TaskEntry[];
  impact_refs?: Identifier<'impact'>[];
  /** Entity type (e.g. `individuals`, `organizations`) → count. */
  impacted_entity_counts?: Record<string, number>;
  incident_types?: string[];
  recoverability?: Recoverability;
  scores?: IncidentScore[];
}

export type IncidentWithCore = Incident & {
  extensions: { [INCIDENT_CORE_EXTENSION_ID]: IncidentCoreExtension } & Record<string, unknown>;
};

/** The Incident Core extension of an incident, or undefined when it carries none. Not validated. */
export function incidentCore(incident: unknown): IncidentCoreExtension | undefined {
  if (!isPlainObject(incident)) return undefined;
  const extensions = own(incident, 'extensions');
  if (!isPlainObject(extensions)) return undefined;
  const core = own(extensions, INCIDENT_CORE_EXTENSION_ID);
  return isPlainObject(core) ? (core as unknown as IncidentCoreExtension) : undefined;
}

const step = (ref: 'event_ref' | 'task_ref', type: string): PropertyRules => ({
  required: ['condition_type', ref, 'transition_type'],
  enums: { condition_type: ACTIVITY_CONDITION_ENUM, transition_type: ACTIVITY_TRANSITION_ENUM },
  refs: { [ref]: [type] },
});

const sequence = (ref: 'event_ref' | 'task_ref', type: string): PropertyRules => ({
  required: [ref],
  booleans: ['sequence_start'],
  refs: { [ref]: [type] },
  objectLists: { next_steps: step(ref, type) },
});

export const INCIDENT_CORE_RULES: PropertyRules = {
  // extension_type is required of every extension-definition keyed entry and checked there.
  required: ['determination', 'investigation_status'],
  enums: {
    extension_type: ['property-extension'],
    determination: INCIDENT_DETERMINATION_ENUM,
    recoverability: RECOVERABILITY_ENUM,
  },
  openVocabs: { investigation_status: INCIDENT_INVESTIGATION_OV },
  integers: { criticality: [0, 100] },
  stringLists: ['detection_methods', 'incident_types'],
  refs: { impact_refs: ['impact'] },
  objectLists: {
    events: sequence('event_ref', 'event'),
    tasks: sequence('task_ref', 'task'),
    scores: { required: ['name', 'value'], strings: ['name', 'description'], numbers: { value: [-Number.MAX_VALUE, Number.MAX_VALUE] } },
  },
  check: (v) => {
    const counts = v.dictionary('impacted_entity_counts');
    for (const [entity, count] of Object.entries(counts ?? {})) {
      if (!/^[a-z-]+$/.test(entity)) {
        v.error(C.INVALID_VALUE, `entity type '${entity}' must be lower case with dashes`, 'impacted_entity_counts', entity);
      }
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        v.error(C.INVALID_VALUE, `the count for '${entity}' must be a non-negative integer`, 'impacted_entity_counts', entity);
      }
    }
  },
};

/** Validates the Incident Core extension of an incident, when present. */
export function checkIncidentCore(v: PropertyChecker): void {
  const extensions = v.get('extensions');
  if (!isPlainObject(extensions) || !Object.prototype.hasOwnProperty.call(extensions, INCIDENT_CORE_EXTENSION_ID)) return;
  const core = extensions[INCIDENT_CORE_EXTENSION_ID];
  if (!isPlainObject(core)) return; // reported by the extensions check
  v.child(core, 'extensions', INCIDENT_CORE_EXTENSION_ID).apply(INCIDENT_CORE_RULES);
}
