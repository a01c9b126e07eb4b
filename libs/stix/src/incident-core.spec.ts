import { INCIDENT_CORE_EXTENSION_ID, incidentCore } from './incident-core.js';
import { validateObject } from './object.validator.js';

// Modelled on the OASIS incident-core example incident_ransom.json, with a determination from
// the 2.0 incident-determination-enum.
const incident = (core: Record<string, unknown>): Record<string, unknown> => ({
  type: 'incident',
  spec_version: '2.1',
  id: 'incident--b754abee-6de5-4b4e-8125-8dab1ca199fe',
  created: '2023-05-02T20:00:00.0002Z',
  modified: '2023-05-02T20:00:00.0002Z',
  name: 'Sample ransomware incident',
  extensions: { [INCIDENT_CORE_EXTENSION_ID]: core },
});

const CORE = {
  extension_type: 'property-extension',
  determination: 'successful-attempt',
  investigation_status: 'closed',
  criticality: 70,
  incident_types: ['ransomware'],
  impact_refs: ['impact--0c9511ac-e14b-4f48-9d49-54bfc93c9b34'],
  tasks: [{ task_ref: 'task--8824b710-60eb-4e00-9e1e-e1b4a40c9a62' }],
  events: [
    {
      event_ref: 'event--da2f25a7-b5d2-47e7-806d-75a2d61cda9f',
      next_steps: [{ event_ref: 'event--c2f7f70d-5022-43cb-b2e0-18ae0a172122', condition_type: 'required', transition_type: 'success' }],
    },
    { event_ref: 'event--c2f7f70d-5022-43cb-b2e0-18ae0a172122', sequence_start: false },
  ],
};

const at = (...tokens: string[]): string => ['', 'extensions', INCIDENT_CORE_EXTENSION_ID, ...tokens].join('/');

describe('Incident Core extension', () => {
  it('has the OASIS extension-definition id', () => {
    expect(INCIDENT_CORE_EXTENSION_ID).toBe('extension-definition--ef765651-680c-498d-9894-99799f2fa126');
  });

  it('refuses an extension_type other than property-extension', () => {
    expect(validateObject(incident({ ...CORE, extension_type: 'new-sdo' })).errors.map((e) => [e.code, e.pointer])).toEqual([
      ['STIX.ENUM_VALUE', at('extension_type')],
    ]);
  });

  it('accepts a complete incident', () => {
    expect(validateObject(incident(CORE))).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('returns the typed extension, or undefined', () => {
    expect(incidentCore(incident(CORE))?.determination).toBe('successful-attempt');
    expect(incidentCore({ type: 'incident' })).toBeUndefined();
    expect(incidentCore({ extensions: { [INCIDENT_CORE_EXTENSION_ID]: 'x' } })).toBeUndefined();
    expect(incidentCore(null)).toBeUndefined();
  });

  it('requires extension_type, determination and investigation_status', () => {
    expect(validateObject(incident({})).errors.map((e) => [e.code, e.pointer])).toEqual([
      ['STIX.EXTENSION_TYPE', at('extension_type')],
      ['STIX.REQUIRED_PROPERTY', at('determination')],
      ['STIX.REQUIRED_PROPERTY', at('investigation_status')],
    ]);
  });

  it('enforces enumerations and ranges, and leaves the open vocabulary open', () => {
    const report = validateObject(
      incident({
        ...CORE,
        determination: 'confirmed',
        investigation_status: 'triage',
        recoverability: 'soon',
        criticality: 1.5,
        events: [{ event_ref: 'event--da2f25a7-b5d2-47e7-806d-75a2d61cda9f', next_steps: [{ event_ref: 'task--8824b710-60eb-4e00-9e1e-e1b4a40c9a62', condition_type: 'maybe' }] }],
        impacted_entity_counts: { Organizations: -1 },
      }),
    );
    expect(report.errors.map((e) => [e.code, e.pointer])).toEqual([
      ['STIX.INVALID_PROPERTY_TYPE', at('criticality')],
      ['STIX.ENUM_VALUE', at('determination')],
      ['STIX.ENUM_VALUE', at('recoverability')],
      ['STIX.REQUIRED_PROPERTY', at('events', '0', 'next_steps', '0', 'transition_type')],
      ['STIX.REFERENCE_TYPE', at('events', '0', 'next_steps', '0', 'event_ref')],
      ['STIX.ENUM_VALUE', at('events', '0', 'next_steps', '0', 'condition_type')],
      ['STIX.INVALID_VALUE', at('impacted_entity_counts', 'Organizations')],
      ['STIX.INVALID_VALUE', at('impacted_entity_counts', 'Organizations')],
    ]);
    expect(report.warnings.map((w) => [w.code, w.pointer])).toEqual([['STIX.OPEN_VOCAB_VALUE', at('investigation_status')]]);
  });
});
