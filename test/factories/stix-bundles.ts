// STIX 2.1 bundles for incident tests and the ingest benchmark, built from the hub's own
// spec-conformant fixtures (one object of every standard type, every reference resolving).
import { randomUUID } from 'node:crypto';
import { INCIDENT_CORE_EXTENSION_ID, TLP2_MARKING_IDS, uuidV5, type TlpLabel } from '@isac/stix';

export type StixObject = Record<string, unknown>;
export interface Bundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export const bundleOf = (objects: StixObject[]): Bundle => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

export interface IncidentOptions {
  id?: string;
  created?: string;
  modified?: string;
  tlp?: TlpLabel;
  createdByRef?: string;
  /** custom reporting properties (x_isac_report_stage, x_isac_aware_at, …) */
  extra?: StixObject;
}

/** An incident with the Incident Core extension; no marking and no author unless given. */
export function incident(options: IncidentOptions = {}): StixObject {
  const created = options.created ?? '2026-01-10T08:00:00.000Z';
  return {
    type: 'incident',
    spec_version: '2.1',
    id: options.id ?? `incident--${randomUUID()}`,
    created,
    modified: options.modified ?? created,
    name: 'Ransomware at a substation operator',
    ...(options.createdByRef ? { created_by_ref: options.createdByRef } : {}),
    ...(options.tlp ? { object_marking_refs: [TLP2_MARKING_IDS[options.tlp]] } : {}),
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination: 'successful-attempt', investigation_status: 'open', criticality: 70 },
    },
    ...options.extra,
  };
}

/** What typically describes an incident: an indicator, the observed address and a sighting. */
export function describingObjects(incidentId: string, at = '2026-01-10T08:00:00.000Z'): StixObject[] {
  const ipv4 = `ipv4-addr--${uuidV5(SCO_NAMESPACE, JSON.stringify({ value: '203.0.113.7' }))}`;
  const indicator = `indicator--${randomUUID()}`;
  const observed = `observed-data--${randomUUID()}`;
  const sdo = (type: string, id: string, extra: StixObject) => ({ type, spec_version: '2.1', id, created: at, modified: at, ...extra });
  return [
    { type: 'ipv4-addr', spec_version: '2.1', id: ipv4, value: '203.0.113.7' },
    sdo('indicator', indicator, { name: 'C2 address', pattern: "[ipv4-addr:value = '203.0.113.7']", pattern_type: 'stix', valid_from: at }),
    sdo('observed-data', observed, { first_observed: at, last_observed: at, number_observed: 1, object_refs: [ipv4] }),
    sdo('sighting', `sighting--${randomUUID()}`, { sighting_of_ref: indicator, observed_data_refs: [observed] }),
    sdo('relationship', `relationship--${randomUUID()}`, { relationship_type: 'related-to', source_ref: indicator, target_ref: incidentId }),
  ];
}

/** A bundle of one incident and what describes it. */
/** A `tool` SDO: a plain object to version in store tests (`modified` says which version). */
export const tool = (id: string, modified: string, extra: StixObject = {}): StixObject => ({ type: 'tool', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified, name: `tool ${modified}`, ...extra });
export const newToolId = () => `tool--${randomUUID()}`;

export function incidentBundle(options: IncidentOptions = {}): Bundle {
  const inc = incident(options);
  return bundleOf([inc, ...describingObjects(inc.id as string)]);
}

// the generator lives with the benchmark (only test/bench/ is compiled for `npm run bench`)
export { mixedBundle } from '../bench/mixed-bundle.js';
