// Reads an incident report out of a STIX bundle — pure. The bundle carries one primary `incident`
// (STIX 2.1 §4.8 with the Incident Core extension), possibly incidents related to it (children it
// `led-to`, duplicates of it), and what describes them; the hub reads the reporting facts from the
// primary incident: the stage it fulfils, awareness time, severity, affected sectors.
import { effectiveTlp, incidentCore, isStixTimestamp, kindOfType, type StixProblem, type TlpLabel } from '@isac/stix';
import type { Nis2Stage } from './clocks.js';

export const REPORT_STAGES: readonly Nis2Stage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Submitter {
  /** The caller's STIX identity id: `created_by_ref` of everything it authors. */
  identityId: string;
  /**
   * Identity ids of every organisation of the network: naming one of them (not the caller's own, nor
   * a member's for its sector unit) is impersonation. Any other identity (a vendor, a CSIRT outside
   * the network) may author what the caller files; the caller stays its reporter and owner.
   */
  isNetworkIdentity(id: string): boolean;
  /** A sector unit files on behalf of its members (DESIGN, who uses it): their identities are accepted as authors. */
  mayAuthorAs?(id: string): boolean;
  sectors: readonly string[];
}

export interface IncidentSubmission {
  /** The objects to store, `created_by_ref` set where it was absent. */
  objects: Record<string, unknown>[];
  /** The primary incident (the one the case is about) and its index in `objects`. */
  incident: Record<string, unknown>;
  incidentIndex: number;
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

/** `objects` in both cases: the objects as they would be stored, for the store's checks of the same pass. */
export type SubmissionResult =
  | { ok: true; submission: IncidentSubmission; objects: Record<string, unknown>[] }
  | { ok: false; problems: StixProblem[]; objects: Record<string, unknown>[] };

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
 * Incident Core relationships between incidents: `led-to` runs from a parent to the child incident
 * it led to, `duplicate-of` from a duplicate to the incident it duplicates. The primary incident is
 * the one that is neither a child nor a duplicate of another incident of the bundle.
 */
export function secondaryIncidentIds(objects: Record<string, unknown>[], incidentIds: ReadonlySet<string>): Set<string> {
  const secondary = new Set<string>();
  for (const o of objects) {
    if (o.type !== 'relationship') continue;
    const source = o.source_ref;
    const target = o.target_ref;
    if (typeof source !== 'string' || typeof target !== 'string' || source === target) continue;
    if (!incidentIds.has(source) || !incidentIds.has(target)) continue;
    if (o.relationship_type === 'led-to') secondary.add(target);
    else if (o.relationship_type === 'duplicate-of') secondary.add(source);
  }
  return secondary;
}

type Problem = (code: string, message: string, pointer: string, index?: number, id?: unknown) => void;

/** The primary incident's place in `objects`, or undefined (with the problem) when there is not exactly one. */
function primaryIncident(objects: Record<string, unknown>[], problem: Problem): number | undefined {
  const incidents = objects.map((o, i) => [o, i] as const).filter(([o]) => o.type === 'incident');
  if (incidents.length === 0) {
    problem('INCIDENT.MISSING', 'the bundle holds no incident object; an incident report needs one', '/objects');
    return undefined;
  }
  if (incidents.length === 1) return incidents[0][1];
  const secondary = secondaryIncidentIds(objects, new Set(incidents.map(([o]) => o.id).filter((id): id is string => typeof id === 'string')));
  const primaries = incidents.filter(([o]) => typeof o.id !== 'string' || !secondary.has(o.id));
  if (primaries.length === 0) {
    problem(
      'INCIDENT.NO_PRIMARY',
      'every incident of the bundle is a child (led-to) or a duplicate (duplicate-of) of another one; one must be the primary incident',
      '/objects',
    );
    return undefined;
  }
  for (const [o, i] of primaries.slice(1)) {
    problem(
      'INCIDENT.MORE_THAN_ONE',
      `a report carries one primary incident; ${String(o.id)} is another (the first is at index ${primaries[0][1]}): ` +
        'relate it to that one by a led-to or duplicate-of relationship, or file it separately',
      `/objects/${i}`,
      i,
      o.id,
    );
  }
  return primaries.length === 1 ? primaries[0][1] : undefined;
}

/**
 * Checks the incident-specific rules the STIX validator cannot know (one primary incident;
 * authorship; the `x_isac_` reporting properties) and returns what the hub needs, or every problem
 * at once. `stageParam` is the `?stage=` of the request, for tools that cannot add custom properties.
 * Safe on any JSON objects (a bundle the validator refused included), so its problems join the
 * validator's and the store's in one answer.
 */
export function readIncidentSubmission(objects: Record<string, unknown>[], submitter: Submitter, stageParam?: string): SubmissionResult {
  const problems: StixProblem[] = [];
  const problem: Problem = (code, message, pointer, index, id) =>
    problems.push({ code, message, pointer, ...(index === undefined ? {} : { index }), ...(typeof id === 'string' ? { id } : {}) });

  const primary = primaryIncident(objects, problem);

  const out = objects.map((obj, index) => {
    const ref = obj.created_by_ref;
    if (ref === undefined) {
      // the hub sets the author of what the caller files (DESIGN §1: each organisation's identity)
      return AUTHORED_KINDS.has(kindOfType(String(obj.type)) ?? '') ? { ...obj, created_by_ref: submitter.identityId } : obj;
    }
    if (typeof ref !== 'string' || ref === submitter.identityId || submitter.mayAuthorAs?.(ref) === true) return obj;
    // another organisation of the network is not to be impersonated; an outside author is kept as sent
    if (submitter.isNetworkIdentity(ref)) {
      problem(
        'INCIDENT.CREATED_BY_OTHER_ORG',
        `created_by_ref ${ref} is the identity of another organisation of the network, not the caller's ${submitter.identityId}`,
        `/objects/${index}/created_by_ref`,
        index,
        obj.id,
      );
    }
    return obj;
  });
  if (primary === undefined) return { ok: false, problems, objects: out };

  const at = primary;
  const incident = objects[at];
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
      problem(
        'INCIDENT.UNKNOWN_SECTOR',
        `x_isac_affected_sectors must list sectors of the network: ${submitter.sectors.join(', ')}`,
        p('x_isac_affected_sectors'),
        at,
        incident.id,
      );
    } else affectedSectors = sectors as string[];
  }

  let severity: Severity | undefined;
  const stateSeverity = incident.x_isac_severity;
  if (stateSeverity !== undefined) {
    if (!SEVERITIES.includes(stateSeverity as Severity))
      problem('INCIDENT.UNKNOWN_SEVERITY', `x_isac_severity must be one of ${SEVERITIES.join(', ')}`, p('x_isac_severity'), at, incident.id);
    else severity = stateSeverity as Severity;
  } else {
    severity = severityOfCriticality(incidentCore(incident)?.criticality);
  }

  if (problems.length > 0) return { ok: false, problems, objects: out };
  return {
    ok: true,
    objects: out,
    submission: {
      objects: out,
      incident: out[at],
      incidentIndex: at,
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
