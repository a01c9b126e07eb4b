// What each report must contain, and which of it the submitted STIX lacks — pure. The hub files
// the report anyway (a late report is worse than an incomplete one) and lists the gaps on the
// case's timeline and in the answer. Where STIX 2.1 and the Incident Core extension have no
// property for a required item, the hub reads an `x_isac_` custom property of the incident
// (STIX 2.1 §11.1 custom properties).
import { incidentCore } from '@isac/stix';
import type { Nis2Stage } from './clocks.js';

export interface ContentGap {
  /** Stable name of the required item, e.g. `cross-border-impact`. */
  item: string;
  /**
   * Where the hub looks for it: a JSON pointer relative to the incident object, or `/objects` when
   * the item is objects of the submitted bundle (indicators of compromise).
   */
  pointer: string;
  detail: string;
}

export interface SubmittedContent {
  incident: Record<string, unknown>;
  /** The types of every object in the submitted bundle. */
  objectTypes: ReadonlySet<string>;
}

type Requirement = { item: string; pointer: string; detail: string; met: (c: SubmittedContent) => boolean };

const CORE = '/extensions/extension-definition--ef765651-680c-498d-9894-99799f2fa126';
const isBool = (v: unknown) => typeof v === 'boolean';
const hasText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const has = (...types: string[]) => (c: SubmittedContent) => types.some((t) => c.objectTypes.has(t));

const suspectedMalicious: Requirement = {
  item: 'suspected-malicious',
  pointer: '/x_isac_suspected_malicious',
  // NIS2 Art. 23(4)(a)
  detail: 'whether the incident is suspected of being caused by unlawful or malicious acts (x_isac_suspected_malicious: true|false)',
  met: (c) => isBool(c.incident.x_isac_suspected_malicious),
};
const crossBorder: Requirement = {
  item: 'cross-border-impact',
  pointer: '/x_isac_cross_border_impact',
  // NIS2 Art. 23(4)(a) and (d)(iv)
  detail: 'whether the incident could have, or had, a cross-border impact (x_isac_cross_border_impact: true|false)',
  met: (c) => isBool(c.incident.x_isac_cross_border_impact),
};
const severity: Requirement = {
  item: 'severity',
  pointer: `${CORE}/criticality`,
  // NIS2 Art. 23(4)(b): an initial assessment of the incident, including its severity and impact
  detail: 'the severity: Incident Core criticality (0-100) or x_isac_severity',
  met: (c) => typeof incidentCore(c.incident)?.criticality === 'number' || hasText(c.incident.x_isac_severity),
};
const impact: Requirement = {
  item: 'impact',
  pointer: `${CORE}/impact_refs`,
  detail: 'the impact: Incident Core impact_refs or impacted_entity_counts, or impact objects in the bundle',
  met: (c) => {
    const core = incidentCore(c.incident);
    return (
      (Array.isArray(core?.impact_refs) && core.impact_refs.length > 0) ||
      (core?.impacted_entity_counts !== undefined && Object.keys(core.impacted_entity_counts).length > 0) ||
      c.objectTypes.has('impact')
    );
  },
};
const indicators: Requirement = {
  item: 'indicators-of-compromise',
  pointer: '/objects',
  // NIS2 Art. 23(4)(b): "where available, the indicators of compromise"
  detail: 'indicators of compromise: indicator, observed-data or sighting objects in the bundle',
  met: has('indicator', 'observed-data', 'sighting'),
};
const description: Requirement = {
  item: 'description',
  pointer: '/description',
  // NIS2 Art. 23(4)(d)(i): a detailed description, including its severity and impact
  detail: 'a detailed description of the incident (description)',
  met: (c) => hasText(c.incident.description),
};
const rootCause: Requirement = {
  item: 'root-cause',
  pointer: '/x_isac_root_cause',
  // NIS2 Art. 23(4)(d)(ii): the type of threat or root cause that is likely to have triggered it
  detail: 'the type of threat or root cause (x_isac_root_cause, or attack-pattern/malware/vulnerability objects)',
  met: (c) => hasText(c.incident.x_isac_root_cause) || has('attack-pattern', 'malware', 'vulnerability')(c),
};
const mitigation: Requirement = {
  item: 'mitigation',
  pointer: '/x_isac_mitigation',
  // NIS2 Art. 23(4)(d)(iii): applied and ongoing mitigation measures
  detail: 'applied and ongoing mitigation measures (course-of-action objects or x_isac_mitigation)',
  met: (c) => hasText(c.incident.x_isac_mitigation) || c.objectTypes.has('course-of-action'),
};

const REQUIREMENTS: Record<Nis2Stage, Requirement[]> = {
  'early-warning': [suspectedMalicious, crossBorder],
  notification: [severity, impact, indicators],
  intermediate: [],
  // Art. 23(4)(e) names no content of its own: what the incident's state is at the mark
  progress: [],
  final: [description, rootCause, mitigation, crossBorder],
};

/** The items the stage requires, with their sources. */
export function stageRequirements(stage: Nis2Stage): { item: string; detail: string }[] {
  return REQUIREMENTS[stage].map(({ item, detail }) => ({ item, detail }));
}

/** What the submitted STIX lacks for the stage it claims to fulfil. */
export function missingStageContent(stage: Nis2Stage, content: SubmittedContent): ContentGap[] {
  return REQUIREMENTS[stage].filter((r) => !r.met(content)).map(({ item, pointer, detail }) => ({ item, pointer, detail }));
}
