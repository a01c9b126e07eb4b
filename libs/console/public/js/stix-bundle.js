// Builds the STIX 2.1 incident bundle the form describes, and maps the validator's JSON pointers back to the form's fields.
export const INCIDENT_CORE_EXTENSION_ID = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
export const TLP2_MARKING_IDS = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

// crypto.randomUUID exists only in secure contexts; a hub reached over plain http on the LAN is not one
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CRITICALITY = { info: 10, low: 30, medium: 50, high: 70, critical: 90 };

/** form: {title, description, awareAt (ISO), severity, sectors[], tlp, suspectedMalicious, crossBorder (true, false or undefined: unknown), indicators: [{name, pattern}]} */
export function incidentBundle(form, now = new Date()) {
  const at = now.toISOString();
  const incidentId = `incident--${uuid()}`;
  const marking = [TLP2_MARKING_IDS[form.tlp]];
  const incident = {
    type: 'incident',
    spec_version: '2.1',
    id: incidentId,
    created: at,
    modified: at,
    name: form.title,
    ...(form.description ? { description: form.description } : {}),
    object_marking_refs: marking,
    x_isac_report_stage: 'early-warning',
    x_isac_aware_at: form.awareAt,
    x_isac_severity: form.severity,
    // unknown is left out, not sent as false: the hub then lists it as missing from the early warning
    ...(typeof form.suspectedMalicious === 'boolean' ? { x_isac_suspected_malicious: form.suspectedMalicious } : {}),
    ...(typeof form.crossBorder === 'boolean' ? { x_isac_cross_border_impact: form.crossBorder } : {}),
    ...(form.sectors.length ? { x_isac_affected_sectors: form.sectors } : {}),
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'suspected',
        investigation_status: 'open',
        criticality: CRITICALITY[form.severity] ?? 50,
      },
    },
  };
  const indicators = form.indicators.map((i) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuid()}`,
    created: at,
    modified: at,
    name: i.name || 'Indicator',
    pattern: i.pattern,
    pattern_type: 'stix',
    valid_from: at,
    object_marking_refs: marking,
  }));
  const relationships = indicators.map((i) => ({
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid()}`,
    created: at,
    modified: at,
    relationship_type: 'indicates',
    source_ref: i.id,
    target_ref: incidentId,
    object_marking_refs: marking,
  }));
  return { type: 'bundle', id: `bundle--${uuid()}`, objects: [incident, ...indicators, ...relationships] };
}

const INCIDENT_FIELDS = {
  name: 'incident-title',
  description: 'incident-description',
  x_isac_aware_at: 'incident-aware',
  first_seen: 'incident-aware',
  x_isac_severity: 'incident-severity',
  x_isac_affected_sectors: 'incident-sectors',
  object_marking_refs: 'incident-tlp',
  x_isac_suspected_malicious: 'incident-malicious',
  x_isac_cross_border_impact: 'incident-cross-border',
};

/** The field a validator pointer concerns, for a bundle built by incidentBundle with `indicatorCount` indicators. */
export function fieldForPointer(pointer, indicatorCount) {
  const m = /^\/objects\/(\d+)(?:\/([^/]+))?/.exec(pointer ?? '');
  if (!m) return undefined;
  const index = Number(m[1]);
  const property = m[2];
  if (index === 0) return INCIDENT_FIELDS[property] ?? (property === 'extensions' ? 'incident-severity' : undefined);
  if (index <= indicatorCount) return property === 'name' ? `indicator-${index - 1}-name` : `indicator-${index - 1}-pattern`;
  // relationship k relates indicator k to the incident
  return `indicator-${index - indicatorCount - 1}-pattern`;
}

/**
 * The follow-up report of a case: the same incident (its id) at a later `modified`, with the stage it
 * fulfils and what the form adds, beside the case's current objects (its indicators and their
 * relationships keep their ids, so the hub stores them as unchanged). `current` is the bundle of
 * GET /incidents/:id/bundle; form: {stage, description, severity, suspectedMalicious, crossBorder
 * (true, false or undefined: keep), rootCause, mitigation, indicators: [{name, pattern}]}.
 */
export function followUpBundle(current, form, now = new Date()) {
  const objects = (current?.objects ?? []).filter((o) => o.type !== 'marking-definition' && o.type !== 'identity');
  const previous = objects.find((o) => o.type === 'incident');
  if (!previous) throw new Error('The case has no incident object to follow up.');
  // a later version: never the same millisecond as the one stored
  const at = new Date(Math.max(now.getTime(), new Date(previous.modified).getTime() + 1)).toISOString();
  const incident = {
    ...previous,
    modified: at,
    x_isac_report_stage: form.stage,
    ...(form.description ? { description: form.description } : {}),
    ...(form.severity ? { x_isac_severity: form.severity } : {}),
    ...(typeof form.suspectedMalicious === 'boolean' ? { x_isac_suspected_malicious: form.suspectedMalicious } : {}),
    ...(typeof form.crossBorder === 'boolean' ? { x_isac_cross_border_impact: form.crossBorder } : {}),
    ...(form.rootCause ? { x_isac_root_cause: form.rootCause } : {}),
    ...(form.mitigation ? { x_isac_mitigation: form.mitigation } : {}),
  };
  if (form.severity && incident.extensions?.[INCIDENT_CORE_EXTENSION_ID]) {
    incident.extensions = {
      ...incident.extensions,
      [INCIDENT_CORE_EXTENSION_ID]: { ...incident.extensions[INCIDENT_CORE_EXTENSION_ID], criticality: CRITICALITY[form.severity] ?? 50 },
    };
  }
  const marking = previous.object_marking_refs ?? [];
  const added = (form.indicators ?? []).filter((i) => i.pattern).map((i) => ({
    type: 'indicator', spec_version: '2.1', id: `indicator--${uuid()}`, created: at, modified: at,
    name: i.name || 'Indicator', pattern: i.pattern, pattern_type: 'stix', valid_from: at, object_marking_refs: marking,
  }));
  const relationships = added.map((i) => ({
    type: 'relationship', spec_version: '2.1', id: `relationship--${uuid()}`, created: at, modified: at,
    relationship_type: 'indicates', source_ref: i.id, target_ref: incident.id, object_marking_refs: marking,
  }));
  const rest = objects.filter((o) => o !== previous);
  // the incident first and the new indicators next, so the validator's pointers name the form's fields
  return { type: 'bundle', id: `bundle--${uuid()}`, objects: [incident, ...added, ...relationships, ...rest] };
}

const FOLLOW_UP_FIELDS = {
  description: 'followup-description',
  x_isac_severity: 'followup-severity',
  x_isac_suspected_malicious: 'followup-malicious',
  x_isac_cross_border_impact: 'followup-cross-border',
  x_isac_root_cause: 'followup-root-cause',
  x_isac_mitigation: 'followup-mitigation',
  x_isac_report_stage: 'followup-stage',
};

/** The follow-up form's field a validator pointer concerns (`added`: the new indicators). */
export function followUpFieldForPointer(pointer, added) {
  const m = /^\/objects\/(\d+)(?:\/([^/]+))?/.exec(pointer ?? '');
  if (!m) return undefined;
  const index = Number(m[1]);
  if (index === 0) return FOLLOW_UP_FIELDS[m[2]] ?? (m[2] === 'extensions' ? 'followup-severity' : undefined);
  if (index <= added) return `followup-indicator-${index - 1}-pattern`;
  if (index <= 2 * added) return `followup-indicator-${index - added - 1}-pattern`;
  return undefined;
}
