import type { Network, NetworkOrg } from '@isac/tlp';
import { caseProblems, type CandidateCase } from './linked-cases.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy' },
  { id: 'adatum', slug: 'adatum', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'finance', slug: 'finance', kind: 'sector-unit', sector: 'finance' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

const kase = (over: Partial<CandidateCase>): CandidateCase => ({
  id: '00000000-0000-4000-8000-000000000001',
  incidentId: 'incident--1',
  tlp: 'TLP:AMBER+STRICT',
  reporterOrgId: 'adatum',
  recipientOrgIds: ['centre', 'energy'],
  exerciseId: null,
  ...over,
});

describe('caseProblems', () => {
  it('takes a real case the reader may read into a real room', () => {
    expect(caseProblems([kase({}).id], [kase({})], { orgId: 'centre' }, network, null)).toEqual([]);
  });

  it('answers a case the reader may not read as a missing one, word for word', () => {
    const missing = caseProblems(['00000000-0000-4000-8000-000000000009'], [], { orgId: 'finance' }, network, null);
    const hidden = caseProblems([kase({}).id], [kase({})], { orgId: 'finance' }, network, null);
    expect(hidden).toEqual([{ pointer: '/caseIds/0', detail: `no incident case ${kase({}).id}` }]);
    expect(missing[0]!.detail.replace(/[0-9a-f-]{36}/, 'ID')).toBe(hidden[0]!.detail.replace(/[0-9a-f-]{36}/, 'ID'));
  });

  it("keeps an exercise's cases out of real rooms, and another exercise's out of an exercise's room", () => {
    const drill = kase({ exerciseId: 'exercise-1' });
    expect(caseProblems([drill.id], [drill], { orgId: 'centre' }, network, null)[0]!.detail).toMatch(/takes real cases only/);
    expect(caseProblems([drill.id], [drill], { orgId: 'centre' }, network, 'exercise-2')[0]!.detail).toMatch(/its own exercise's cases only/);
    expect(caseProblems([drill.id], [drill], { orgId: 'centre' }, network, 'exercise-1')).toEqual([]);
    expect(caseProblems([kase({}).id], [kase({})], { orgId: 'centre' }, network, 'exercise-1')[0]!.detail).toMatch(/its own exercise's cases only/);
  });
});
