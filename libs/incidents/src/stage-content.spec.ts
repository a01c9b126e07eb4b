import { INCIDENT_CORE_EXTENSION_ID } from '@isac/stix';
import { missingStageContent, stageRequirements } from './stage-content.js';

const items = (gaps: { item: string }[]) => gaps.map((g) => g.item);
const core = (props: Record<string, unknown>) => ({ extensions: { [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'open', ...props } } });

describe('missingStageContent', () => {
  it('early warning: suspected malicious? cross-border impact? (NIS2 Art. 23(4)(a))', () => {
    expect(items(missingStageContent('early-warning', { incident: {}, objectTypes: new Set() }))).toEqual(['suspected-malicious', 'cross-border-impact']);
    expect(missingStageContent('early-warning', { incident: { x_isac_suspected_malicious: false, x_isac_cross_border_impact: true }, objectTypes: new Set() })).toEqual([]);
  });

  it('notification: severity, impact and indicators of compromise (Art. 23(4)(b))', () => {
    expect(items(missingStageContent('notification', { incident: {}, objectTypes: new Set(['note']) }))).toEqual(['severity', 'impact', 'indicators-of-compromise']);
    expect(missingStageContent('notification', { incident: core({ criticality: 40, impacted_entity_counts: { organizations: 2 } }), objectTypes: new Set(['indicator']) })).toEqual([]);
    expect(missingStageContent('notification', { incident: { x_isac_severity: 'high' }, objectTypes: new Set(['impact', 'observed-data']) })).toEqual([]);
  });

  it('final: description, root cause, mitigation, cross-border impact (Art. 23(4)(d))', () => {
    expect(items(missingStageContent('final', { incident: { description: '  ' }, objectTypes: new Set() }))).toEqual(['description', 'root-cause', 'mitigation', 'cross-border-impact']);
    const complete = { description: 'Ransomware through a VPN appliance', x_isac_cross_border_impact: false };
    expect(missingStageContent('final', { incident: complete, objectTypes: new Set(['vulnerability', 'course-of-action']) })).toEqual([]);
    expect(missingStageContent('final', { incident: { ...complete, x_isac_root_cause: 'stolen credentials', x_isac_mitigation: 'MFA' }, objectTypes: new Set() })).toEqual([]);
  });

  it('gaps name where the hub looks', () => {
    expect(missingStageContent('early-warning', { incident: {}, objectTypes: new Set() })[1]).toMatchObject({ pointer: '/x_isac_cross_border_impact' });
  });

  it('the intermediate report has no fixed content', () => {
    expect(stageRequirements('intermediate')).toEqual([]);
  });
});
