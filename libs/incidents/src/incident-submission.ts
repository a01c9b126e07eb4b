// Reads an incident report out of a validated STIX bundle — pure. The bundle carries exactly one
// `incident` (STIX 2.1 §4.8 with the Incident Core extension) and what describes it; the hub reads
// the reporting facts from it: the stage it fulfils, awareness time, severity, affected sectors.
import { effectiveTlp, incidentCore, isStixTimestamp, kindOfType, type StixProblem, type TlpLabel } from '@isac/stix';
import type { Nis2Stage } from './clocks.js';

export const REPORT_STAGES: readonly Nis2Stage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Submitter {
  /** The caller's STIX identity id: `created_by_ref` of everything it authors. */
  identityId: string;
  /** Identity ids of every organisation of the network (to refuse authoring in another's name). */
  isNetworkIdentity(id: string): boolean;
  /** A sector unit files on behalf of its members (DESIGN, who uses it): their identities are accepted as authors. */
  mayAuthorAs?(id: string): boolean;
  sectors: readonly string[];
}

export interface IncidentSubmission {
  /** The objects to store, `created_by_ref` set where it was absent. */
  objects: Record<string, unknown>[];
  incident: Record<string, unknown>;
  incidentId: string;
  incidentVersion: string;
  name: string;
  /** undefined: not stated (the first report then defaults by regime). */
  stage: Nis2Stage | undefined;
  /** When the entity became aware: x_isac_aware_at, else the incident's first_seen. */
  awareAt: Date | undefined;
  /**
   * x_isac_aware_at alone. A follow-up moves awareness only by it: a later first_seen is what
   * forensics found of the incident's start, not when the entity became aware (NIS2 Art. 23(4)).
   */
  statedAwareAt: Date | undefined;
  classifiedAt: Date | undefined;
  handledAt: Date | undefined;
  severity: Severity | undefined;
  affectedSectors: string[];
  tlp: TlpLabel | undefined;
}

export type SubmissionResult = { ok: true; submission: IncidentSubmission } | { ok: false; problems: StixProblem[] };

/** Incident Core criticality (0-100) read on the hub's four-step scale. */
export function severityOfCriticality(criticality: number | undefined): Severity | undefined {
  if (criticality === undefined) return undefined;
  if (criticality >= 80) return 'critical';
  if (criticality >= 60) return 'high';
  if (criticality >= 30) return 'medium';
  return 'low';
}

const AUTHORED_KINDS = new Set(['sdo', 'sro']);

/**
 * Checks the incident-specific rules the STIX validator cannot know (one incident; authorship;
 * the `x_isac_` reporting properties) and returns what the hub needs, or every problem at once.
 * `stageParam` is the `?stage=` of the request, for tools that cannot add custom properties.
 */
export function readIncidentSubmission(objects: Record<string, unknown>[], submitter: Submitter, stageParam?: string): SubmissionResult {
  const problems: StixProblem[] = [];
  const problem = (code: string, message: string, pointer: string, index?: number, id?: unknown) =>
    problems.push({ code, message, pointer, ...(index === undefined ? {} : { index }), ...(typeof id === 'string' ? { id } : {}) });

  const incidents = objects.map((o, i) => [o, i] as const).filter(([o]) => o.type === 'incident');
  if (incidents.length === 0) problem('INCIDENT.MISSING', 'the bundle holds no incident object; an incident report needs exactly one', '/objects');
  for (const [o, i] of incidents.slice(1)) problem('INCIDENT.MORE_THAN_ONE', `a report carries exactly one incident; ${String(o.id)} is another (the first is at index ${incidents[0][1]})`, `/objects/${i}`, i, o.id);

  const out = objects.map((obj, index) => {
    const ref = obj.created_by_ref;
    if (ref === undefined) {
      // the hub sets the author of what the caller files (DESIGN §1: each organisation's identity)
      return AUTHORED_KINDS.has(kindOfType(String(obj.type)) ?? '') ? { ...obj, created_by_ref: submitter.identityId } : obj;
    }
    const own = ref === submitter.identityId || (typeof ref === 'string' && submitter.mayAuthorAs?.(ref) === true);
    if (!own && (obj.type === 'incident' || (typeof ref === 'string' && submitter.isNetworkIdentity(ref)))) {
      problem('INCIDENT.CREATED_BY_OTHER_ORG', `created_by_ref ${String(ref)} is not the caller's identity ${submitter.identityId}`, `/objects/${index}/created_by_ref`, index, obj.id);
    }
    return obj;
  });
  if (incidents.length === 0) return { ok: false, problems };

  const [incident, at] = incidents[0];
  const p = (name: string) => `/objects/${at}/${name}`;
  const timestamp = (name: string): Date | undefined => {
    const value = incident[name];
    if (value === undefined) return undefined;
    if (!isStixTimestamp(value)) {
      problem('STIX.INVALID_TIMESTAMP', `${name} must be an RFC 3339 UTC timestamp ending in Z`, p(name), at, incident.id);
      return undefined;
    }
    return new Date(value);
  };

  const stated = incident.x_isac_report_stage;
  let stage: Nis2Stage | undefined;
  if (stated !== undefined && !REPORT_STAGES.includes(stated as Nis2Stage)) {
    problem('INCIDENT.UNKNOWN_STAGE', `x_isac_report_stage must be one of ${REPORT_STAGES.join(', ')}`, p('x_isac_report_stage'), at, incident.id);
  } else if (stageParam !== undefined && !REPORT_STAGES.includes(stageParam as Nis2Stage)) {
    problem('INCIDENT.UNKNOWN_STAGE', `?stage must be one of ${REPORT_STAGES.join(', ')}`, '', undefined);
  } else if (stated !== undefined && stageParam !== undefined && stated !== stageParam) {
    problem('INCIDENT.STAGE_MISMATCH', `?stage=${stageParam} contradicts x_isac_report_stage "${String(stated)}"`, p('x_isac_report_stage'), at, incident.id);
  } else {
    stage = (stated ?? stageParam) as Nis2Stage | undefined;
  }

  // OpenCTI and others carry first_seen on incidents; x_isac_aware_at says it outright (NIS2 Art. 23(4): "becoming aware")
  const statedAwareAt = timestamp('x_isac_aware_at');
  const awareAt = statedAwareAt ?? timestamp('first_seen');
  const classifiedAt = timestamp('x_isac_classified_at');
  const handledAt = timestamp('x_isac_handled_at');

  const sectors = incident.x_isac_affected_sectors;
  let affectedSectors: string[] = [];
  if (sectors !== undefined) {
    if (!Array.isArray(sectors) || sectors.some((s) => !submitter.sectors.includes(s as string))) {
      problem('INCIDENT.UNKNOWN_SECTOR', `x_isac_affected_sectors must list sectors of the network: ${submitter.sectors.join(', ')}`, p('x_isac_affected_sectors'), at, incident.id);
    } else affectedSectors = sectors as string[];
  }

  let severity: Severity | undefined;
  const stateSeverity = incident.x_isac_severity;
  if (stateSeverity !== undefined) {
    if (!SEVERITIES.includes(stateSeverity as Severity)) problem('INCIDENT.UNKNOWN_SEVERITY', `x_isac_severity must be one of ${SEVERITIES.join(', ')}`, p('x_isac_severity'), at, incident.id);
    else severity = stateSeverity as Severity;
  } else {
    severity = severityOfCriticality(incidentCore(incident)?.criticality);
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    submission: {
      objects: out,
      incident: out[at],
      incidentId: incident.id as string,
      incidentVersion: (incident.modified as string) ?? (incident.created as string),
      name: typeof incident.name === 'string' ? incident.name : '',
      stage,
      awareAt,
      statedAwareAt,
      classifiedAt,
      handledAt,
      severity,
      affectedSectors,
      tlp: effectiveTlp(incident),
    },
  };
}
