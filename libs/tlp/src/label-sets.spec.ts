import { MARKING_DEFINITION_LABEL, MEMBER_READABLE_LABELS, NETWORK_WIDE_LABELS, PUBLIC_LABEL } from './label-sets.js';
import { TLP_LABELS, type TlpLabel } from './labels.js';
import { canRead, type Network, type NetworkOrg } from './policy.js';

// energy writes to health; adatum is a member of energy, rigshospitalet of health, telia of telecom
const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
  { id: 'telecom', slug: 'telecom', kind: 'sector-unit', sector: 'telecom', parentId: 'centre' },
  { id: 'rigshospitalet', slug: 'rigshospitalet', kind: 'member', sector: 'health', parentId: 'health' },
  { id: 'telia', slug: 'telia', kind: 'member', sector: 'telecom', parentId: 'telecom' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };
const item = (tlp: TlpLabel) => ({ tlp, authorOrgId: 'energy', recipientOrgIds: ['health'] });
const labelsWhere = (readable: (tlp: TlpLabel) => boolean) => TLP_LABELS.filter(readable);

describe('the label sets SQL pre-filters take from the policy', () => {
  it('network-wide: what any organisation of the network reads, named or not', () => {
    for (const reader of ['telecom', 'telia', 'centre']) {
      expect(labelsWhere((tlp) => canRead(item(tlp), { orgId: reader }, network).allowed)).toEqual([...NETWORK_WIDE_LABELS]);
    }
  });

  it('member-readable: what a member of a named recipient reads beyond the network-wide labels', () => {
    const read = labelsWhere((tlp) => canRead(item(tlp), { orgId: 'rigshospitalet' }, network).allowed);
    expect(read.filter((tlp) => !NETWORK_WIDE_LABELS.includes(tlp))).toEqual([...MEMBER_READABLE_LABELS]);
  });

  it('public: the one label read without signing in', () => {
    expect(labelsWhere((tlp) => canRead(item(tlp), null, network).allowed)).toEqual([PUBLIC_LABEL]);
  });

  it('marking definitions are stored under a network-wide label', () => {
    expect(NETWORK_WIDE_LABELS).toContain(MARKING_DEFINITION_LABEL);
  });
});
