import { canReadPart, partReadability } from './granular.js';
import type { TlpLabel } from './labels.js';
import type { Network, NetworkOrg, Reader } from './policy.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
  { id: 'rigshospitalet', slug: 'rigshospitalet', kind: 'member', sector: 'health', parentId: 'health' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };
// energy's object, addressed to health
const owner = { authorOrgId: 'energy', recipientOrgIds: ['health'] };

describe('canReadPart: a granular marking judged as an item of its own (DESIGN §2)', () => {
  const table: Array<[TlpLabel, string, Reader, boolean]> = [
    ['TLP:RED', 'the author', { orgId: 'energy' }, true],
    ['TLP:RED', 'a named recipient', { orgId: 'health' }, true],
    ['TLP:RED', "a named recipient's member", { orgId: 'rigshospitalet' }, false],
    ['TLP:RED', 'the centre, not named', { orgId: 'centre' }, false],
    ['TLP:RED', 'the public', null, false],
    ['TLP:AMBER', "a named recipient's member", { orgId: 'rigshospitalet' }, true],
    ['TLP:AMBER+STRICT', "a named recipient's member", { orgId: 'rigshospitalet' }, false],
    ['TLP:GREEN', 'the centre, not named', { orgId: 'centre' }, true],
    ['TLP:GREEN', 'the public', null, false],
    ['TLP:CLEAR', 'the public', null, true],
  ];
  it.each(table)('%s part, read by %s: %s', (tlp, _who, reader, allowed) => {
    expect(canReadPart(tlp, owner, reader, network).allowed).toBe(allowed);
  });

  it('partReadability decides each marking once per object and reader', () => {
    let asked = 0;
    const counting: Network = { org: (id) => (asked++, network.org(id)) };
    const mayRead = partReadability(owner, { orgId: 'centre' }, counting);
    expect([mayRead('TLP:RED'), mayRead('TLP:RED'), mayRead('TLP:GREEN'), mayRead('TLP:RED')]).toEqual([false, false, true, false]);
    expect(asked).toBe(2);
  });
});
