import { TLP2_MARKING_IDS } from '@isac/stix';
import { readIncidentSubmission, severityOfCriticality, type Submitter } from './incident-submission.js';

const ME = 'identity--11111111-1111-5111-8111-111111111111';
const OTHER_ORG = 'identity--22222222-2222-5222-8222-222222222222';
const OUTSIDER = 'identity--33333333-3333-4333-8333-333333333333';
const submitter: Submitter = { identityId: ME, isNetworkIdentity: (id) => id === ME || id === OTHER_ORG, sectors: ['energy', 'health'] };
const T = '2026-01-10T08:00:00.000Z';
const incident = (extra: Record<string, unknown> = {}) => ({ type: 'incident', spec_version: '2.1', id: 'incident--7a5a2b9c-3d4e-4f5a-8b6c-1d2e3f4a5b6c', created: T, modified: T, name: 'x', ...extra });
const indicator = (extra: Record<string, unknown> = {}) => ({ type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: T, modified: T, ...extra });
const ipv4 = { type: 'ipv4-addr', id: 'ipv4-addr--ff26c255-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' };

describe('readIncidentSubmission', () => {
  it('sets created_by_ref on SDOs and SROs that lack it, never on SCOs', () => {
    const result = readIncidentSubmission([incident(), indicator(), ipv4], submitter);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.submission.objects.map((o) => o.created_by_ref)).toEqual([ME, ME, undefined]);
  });

  it('reads stage, awareness, severity, sectors and TLP from the incident', () => {
    const result = readIncidentSubmission(
      [incident({ x_isac_report_stage: 'notification', first_seen: '2026-01-09T22:00:00Z', x_isac_affected_sectors: ['health'], x_isac_severity: 'critical', object_marking_refs: [TLP2_MARKING_IDS['TLP:GREEN']] })],
      submitter,
    );
    expect(result).toMatchObject({ ok: true, submission: { stage: 'notification', awareAt: new Date('2026-01-09T22:00:00Z'), affectedSectors: ['health'], severity: 'critical', tlp: 'TLP:GREEN', incidentVersion: T } });
  });

  it('takes the stage from ?stage= when the incident does not state it, and refuses a contradiction', () => {
    expect(readIncidentSubmission([incident()], submitter, 'final')).toMatchObject({ ok: true, submission: { stage: 'final' } });
    expect(readIncidentSubmission([incident({ x_isac_report_stage: 'notification' })], submitter, 'final')).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ code: 'INCIDENT.STAGE_MISMATCH', pointer: '/objects/0/x_isac_report_stage' })],
    });
  });

  it('refuses authoring in the name of another organisation of the network (impersonation), not an outside author', () => {
    const result = readIncidentSubmission([incident({ created_by_ref: OTHER_ORG }), indicator({ created_by_ref: OTHER_ORG }), { ...indicator(), id: 'indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', created_by_ref: OUTSIDER }], submitter);
    expect(result.ok ? [] : result.problems.map((p) => `${p.code} ${p.pointer}`)).toEqual([
      'INCIDENT.CREATED_BY_OTHER_ORG /objects/0/created_by_ref',
      'INCIDENT.CREATED_BY_OTHER_ORG /objects/1/created_by_ref',
    ]);
  });

  it('a sector unit may author in the name of its members', () => {
    const unit: Submitter = { ...submitter, mayAuthorAs: (id) => id === OTHER_ORG };
    expect(readIncidentSubmission([incident({ created_by_ref: OTHER_ORG })], unit)).toMatchObject({ ok: true, submission: { incident: { created_by_ref: OTHER_ORG } } });
  });

  it('an incident authored outside the network (a vendor, another CSIRT) is filed with its created_by_ref as sent', () => {
    const result = readIncidentSubmission([incident({ created_by_ref: OUTSIDER }), indicator()], submitter);
    expect(result).toMatchObject({ ok: true, submission: { incident: { created_by_ref: OUTSIDER } } });
    expect(result.objects.map((o) => o.created_by_ref)).toEqual([OUTSIDER, ME]);
  });

  it('gives the objects as they would be stored also when it refuses them', () => {
    const result = readIncidentSubmission([indicator(), ipv4], submitter);
    expect(result).toMatchObject({ ok: false, objects: [{ created_by_ref: ME }, { id: ipv4.id }] });
  });

  describe('one primary incident (Incident Core led-to and duplicate-of)', () => {
    const PARENT = 'incident--11c4461e-25d8-47f1-bccf-a965ddca8e8f';
    const CHILD = 'incident--0f74f95b-7ca1-4225-bfd6-ca1369c1847f';
    const relationship = (type: string, source: string, target: string, n = 1) => ({
      type: 'relationship', spec_version: '2.1', id: `relationship--0d98c5dd-22a7-4316-89d0-bb7c0338ef0${n}`, created: T, modified: T, relationship_type: type, source_ref: source, target_ref: target,
    });

    it('none → INCIDENT.MISSING', () => {
      expect(readIncidentSubmission([indicator()], submitter)).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'INCIDENT.MISSING', pointer: '/objects' })] });
    });

    it('a parent and the child it led to: the parent is the primary, wherever it sits', () => {
      const result = readIncidentSubmission([incident({ id: CHILD, name: 'child' }), relationship('led-to', PARENT, CHILD), incident({ id: PARENT, name: 'parent' })], submitter);
      expect(result).toMatchObject({ ok: true, submission: { incidentId: PARENT, incidentIndex: 2, name: 'parent' } });
      expect(result.objects.map((o) => o.id)).toEqual([CHILD, 'relationship--0d98c5dd-22a7-4316-89d0-bb7c0338ef01', PARENT]);
    });

    it('an incident and its duplicate: the incident duplicated is the primary', () => {
      const result = readIncidentSubmission([incident({ id: CHILD, name: 'the duplicate' }), incident({ id: PARENT, name: 'the original' }), relationship('duplicate-of', CHILD, PARENT)], submitter);
      expect(result).toMatchObject({ ok: true, submission: { incidentId: PARENT, name: 'the original' } });
    });

    it('two unrelated incidents, or incidents related otherwise → INCIDENT.MORE_THAN_ONE at the second', () => {
      const two = readIncidentSubmission([incident({ id: PARENT }), incident({ id: CHILD })], submitter);
      expect(two).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'INCIDENT.MORE_THAN_ONE', pointer: '/objects/1' })] });
      const related = readIncidentSubmission([incident({ id: PARENT }), incident({ id: CHILD }), relationship('related-to', PARENT, CHILD)], submitter);
      expect(related).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'INCIDENT.MORE_THAN_ONE', pointer: '/objects/1' })] });
    });

    it('incidents each the child of the other → INCIDENT.NO_PRIMARY', () => {
      const result = readIncidentSubmission([incident({ id: PARENT }), incident({ id: CHILD }), relationship('led-to', PARENT, CHILD, 1), relationship('led-to', CHILD, PARENT, 2)], submitter);
      expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'INCIDENT.NO_PRIMARY', pointer: '/objects' })] });
    });
  });

  it('reports every bad reporting property at once', () => {
    const result = readIncidentSubmission([incident({ x_isac_aware_at: '2026-01-10 08:00', x_isac_affected_sectors: ['mining'], x_isac_severity: 'apocalyptic', x_isac_report_stage: 'post-mortem' })], submitter);
    expect(result.ok ? [] : result.problems.map((p) => p.code).sort()).toEqual(['INCIDENT.UNKNOWN_SECTOR', 'INCIDENT.UNKNOWN_SEVERITY', 'INCIDENT.UNKNOWN_STAGE', 'STIX.INVALID_TIMESTAMP']);
  });
});

describe('severityOfCriticality', () => {
  it.each([
    [undefined, undefined],
    [0, 'low'],
    [29, 'low'],
    [30, 'medium'],
    [60, 'high'],
    [80, 'critical'],
    [100, 'critical'],
  ])('%s → %s', (criticality, severity) => expect(severityOfCriticality(criticality)).toBe(severity));
});
