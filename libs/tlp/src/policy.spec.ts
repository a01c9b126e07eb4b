import fc from 'fast-check';
import { TLP_LABELS, type TlpLabel } from './labels.js';
import { canForward, canRead, canRelax, describeDenial, type Network, type NetworkOrg, type ReadableItem, type Reader } from './policy.js';

// A small network shaped like the seeded one (sector units hang under the centre): energy (the
// author) shares with health (the one named recipient).
const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
  { id: 'telecom', slug: 'telecom', kind: 'sector-unit', sector: 'telecom', parentId: 'centre' },
  { id: 'adatum', slug: 'adatum', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'rigshospitalet', slug: 'rigshospitalet', kind: 'member', sector: 'health', parentId: 'health' },
  { id: 'telia', slug: 'telia', kind: 'member', sector: 'telecom', parentId: 'telecom' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

function item(tlp: TlpLabel | undefined, kind?: ReadableItem['kind']): ReadableItem {
  return { tlp, authorOrgId: 'energy', recipientOrgIds: ['health'], kind };
}

const readers: Record<string, Reader> = {
  author: { orgId: 'energy' },
  'named recipient': { orgId: 'health' },
  'member of the named recipient': { orgId: 'rigshospitalet' },
  'another sector unit': { orgId: 'telecom' },
  'the centre, not named': { orgId: 'centre' },
  'member of another sector': { orgId: 'telia' },
  'member of the author': { orgId: 'adatum' },
  unauthenticated: null,
  'organisation not in the network': { orgId: 'acme' },
};

// 'read' = allowed, not audited; 'read, audited' = allowed and written to the audit log;
// anything else is the expected denial code.
type Expected = 'read' | 'read, audited' | `TLP.${string}`;
const table: Array<[TlpLabel | 'unmarked', keyof typeof readers, Expected]> = [
  ['TLP:CLEAR', 'author', 'read'],
  ['TLP:CLEAR', 'named recipient', 'read'],
  ['TLP:CLEAR', 'member of the named recipient', 'read'],
  ['TLP:CLEAR', 'another sector unit', 'read'],
  ['TLP:CLEAR', 'the centre, not named', 'read'],
  ['TLP:CLEAR', 'member of another sector', 'read'],
  ['TLP:CLEAR', 'member of the author', 'read'],
  ['TLP:CLEAR', 'unauthenticated', 'read'],
  ['TLP:CLEAR', 'organisation not in the network', 'read'],

  ['TLP:GREEN', 'author', 'read'],
  ['TLP:GREEN', 'named recipient', 'read'],
  ['TLP:GREEN', 'member of the named recipient', 'read'],
  ['TLP:GREEN', 'another sector unit', 'read'],
  ['TLP:GREEN', 'the centre, not named', 'read'],
  ['TLP:GREEN', 'member of another sector', 'read'],
  ['TLP:GREEN', 'member of the author', 'read'],
  ['TLP:GREEN', 'unauthenticated', 'TLP.UNAUTHENTICATED'],
  ['TLP:GREEN', 'organisation not in the network', 'TLP.NOT_IN_NETWORK'],

  ['TLP:AMBER', 'author', 'read'],
  ['TLP:AMBER', 'named recipient', 'read, audited'],
  ['TLP:AMBER', 'member of the named recipient', 'read, audited'],
  ['TLP:AMBER', 'another sector unit', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER', 'the centre, not named', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER', 'member of another sector', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER', 'member of the author', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER', 'unauthenticated', 'TLP.UNAUTHENTICATED'],
  ['TLP:AMBER', 'organisation not in the network', 'TLP.NOT_IN_NETWORK'],

  ['TLP:AMBER+STRICT', 'author', 'read'],
  ['TLP:AMBER+STRICT', 'named recipient', 'read, audited'],
  ['TLP:AMBER+STRICT', 'member of the named recipient', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER+STRICT', 'another sector unit', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER+STRICT', 'the centre, not named', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER+STRICT', 'member of another sector', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER+STRICT', 'member of the author', 'TLP.NOT_RECIPIENT'],
  ['TLP:AMBER+STRICT', 'unauthenticated', 'TLP.UNAUTHENTICATED'],
  ['TLP:AMBER+STRICT', 'organisation not in the network', 'TLP.NOT_IN_NETWORK'],

  ['TLP:RED', 'author', 'read'],
  ['TLP:RED', 'named recipient', 'read, audited'],
  ['TLP:RED', 'member of the named recipient', 'TLP.NOT_RECIPIENT'],
  ['TLP:RED', 'another sector unit', 'TLP.NOT_RECIPIENT'],
  ['TLP:RED', 'the centre, not named', 'TLP.NOT_RECIPIENT'],
  ['TLP:RED', 'member of another sector', 'TLP.NOT_RECIPIENT'],
  ['TLP:RED', 'member of the author', 'TLP.NOT_RECIPIENT'],
  ['TLP:RED', 'unauthenticated', 'TLP.UNAUTHENTICATED'],
  ['TLP:RED', 'organisation not in the network', 'TLP.NOT_IN_NETWORK'],

  ['unmarked', 'author', 'read'],
  ['unmarked', 'named recipient', 'TLP.UNMARKED'],
  ['unmarked', 'member of the named recipient', 'TLP.UNMARKED'],
  ['unmarked', 'another sector unit', 'TLP.UNMARKED'],
  ['unmarked', 'the centre, not named', 'TLP.UNMARKED'],
  ['unmarked', 'member of another sector', 'TLP.UNMARKED'],
  ['unmarked', 'member of the author', 'TLP.UNMARKED'],
  ['unmarked', 'unauthenticated', 'TLP.UNAUTHENTICATED'],
  ['unmarked', 'organisation not in the network', 'TLP.NOT_IN_NETWORK'],
];

function outcome(tlp: TlpLabel | undefined, reader: Reader, kind?: ReadableItem['kind']): Expected {
  const decision = canRead(item(tlp, kind), reader, network);
  if (!decision.allowed) return decision.code as Expected;
  return decision.audited ? 'read, audited' : 'read';
}

describe('canRead', () => {
  it.each(table)('%s item, read by %s → %s', (marking, relation, expected) => {
    expect(outcome(marking === 'unmarked' ? undefined : marking, readers[relation], undefined)).toBe(expected);
  });

  it('covers every marking × every relation exactly once', () => {
    expect(table).toHaveLength(6 * Object.keys(readers).length);
    expect(new Set(table.map(([m, r]) => `${m}|${r}`)).size).toBe(table.length);
  });

  it('gives every denial a human sentence', () => {
    const decision = canRead(item('TLP:RED'), { orgId: 'telecom' }, network);
    expect(decision).toEqual({
      allowed: false,
      code: 'TLP.NOT_RECIPIENT',
      reason: 'TLP:RED is for the named recipient organisations only; telecom is not one of them.',
    });
  });

  it('names organisations by slug, not by id, in every reason a caller may see', () => {
    // ids as the hub has them (UUIDs), so a reason naming an id cannot pass for one naming a slug
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const byId = new Map(orgs.map((o, i) => [uuid(i), { ...o, id: uuid(i), parentId: o.parentId && uuid(orgs.findIndex((p) => p.id === o.parentId)) }]));
    const uuids: Network = { org: (id) => byId.get(id) };
    const id = (slug: string) => [...byId.values()].find((o) => o.slug === slug)!.id;
    const toHealth = (tlp: TlpLabel): ReadableItem => ({ tlp, authorOrgId: id('energy'), recipientOrgIds: [id('health')] });
    const reasons = [
      canRead(toHealth('TLP:RED'), { orgId: id('telecom') }, uuids),
      canRead(toHealth('TLP:AMBER+STRICT'), { orgId: id('rigshospitalet') }, uuids),
      canRead(toHealth('TLP:AMBER'), { orgId: id('telia') }, uuids),
      canRead(toHealth('TLP:AMBER'), { orgId: id('rigshospitalet') }, uuids),
      canForward(toHealth('TLP:AMBER'), id('telecom'), id('telia'), uuids),
      canForward(toHealth('TLP:AMBER'), id('health'), id('telia'), uuids),
      canForward(toHealth('TLP:AMBER'), id('health'), id('rigshospitalet'), uuids),
    ].map((d) => d.reason);
    expect(reasons).toEqual([
      'TLP:RED is for the named recipient organisations only; telecom is not one of them.',
      'TLP:AMBER+STRICT is for the named recipient organisations only; rigshospitalet is not one of them.',
      'TLP:AMBER is for the named recipients and their members; telia is neither.',
      'TLP:AMBER: a member of the named recipient health.',
      'telecom may not read this item, so it may not forward it: TLP:AMBER is for the named recipients and their members; telecom is neither.',
      "TLP:AMBER may only be forwarded to the forwarder's own members; telia is not a member of health.",
      "TLP:AMBER may be forwarded to health's member rigshospitalet.",
    ]);
  });

  it('denies the author too when its organisation is not in the network (only CLEAR is public)', () => {
    const orphan: ReadableItem = { tlp: 'TLP:GREEN', authorOrgId: 'acme', recipientOrgIds: [] };
    expect(canRead(orphan, { orgId: 'acme' }, network)).toMatchObject({ allowed: false, code: 'TLP.NOT_IN_NETWORK' });
  });

  it('reads an unmarked incident as TLP:AMBER+STRICT (DESIGN §2), even if the caller forgot effectiveIncidentTlp', () => {
    expect(outcome(undefined, { orgId: 'health' }, 'incident')).toBe('read, audited');
    expect(outcome(undefined, { orgId: 'rigshospitalet' }, 'incident')).toBe('TLP.NOT_RECIPIENT');
    expect(outcome(undefined, { orgId: 'telecom' }, 'incident')).toBe('TLP.NOT_RECIPIENT');
    expect(outcome(undefined, { orgId: 'energy' }, 'incident')).toBe('read');
  });

  it('keeps an unmarked advisory, alert or STIX object for the author only', () => {
    for (const kind of ['advisory', 'alert', 'stix'] as const) {
      expect(outcome(undefined, { orgId: 'health' }, kind)).toBe('TLP.UNMARKED');
    }
  });

  it('does not reach the other sector units under AMBER when the centre is named (they are not its clients)', () => {
    const toCentre: ReadableItem = { tlp: 'TLP:AMBER', authorOrgId: 'energy', recipientOrgIds: ['centre'] };
    expect(canRead(toCentre, { orgId: 'telecom' }, network)).toMatchObject({ allowed: false, code: 'TLP.NOT_RECIPIENT' });
    expect(canRead(toCentre, { orgId: 'health' }, network)).toMatchObject({ allowed: false, code: 'TLP.NOT_RECIPIENT' });
    expect(canRead(toCentre, { orgId: 'centre' }, network)).toMatchObject({ allowed: true, audited: true });
    expect(canForward(toCentre, 'centre', 'telecom', network)).toMatchObject({ allowed: false, code: 'TLP.FORWARD_OUTSIDE_MEMBERS' });
  });

  it('does not reach a named recipient\'s grandchildren under AMBER (one level of members only)', () => {
    const deep: Network = { org: (id) => (id === 'clinic' ? { id, slug: 'clinic', kind: 'member', parentId: 'rigshospitalet' } : network.org(id)) };
    expect(canRead(item('TLP:AMBER'), { orgId: 'clinic' }, deep)).toMatchObject({ allowed: false, code: 'TLP.NOT_RECIPIENT' });
  });
});

describe('canRead properties', () => {
  const orgIds = [...orgs.map((o) => o.id), 'acme'];
  const arbitraryItem = fc.record({
    tlp: fc.constantFrom<TlpLabel | undefined>(...TLP_LABELS, undefined),
    authorOrgId: fc.constantFrom(...orgIds),
    recipientOrgIds: fc.subarray(orgIds),
  });
  const arbitraryReader = fc.option(fc.constantFrom(...orgIds).map((orgId) => ({ orgId })), { nil: null });

  it('never lets a reader read more under a stricter marking (monotone in restriction)', () => {
    fc.assert(
      fc.property(arbitraryItem, arbitraryReader, fc.integer({ min: 1, max: TLP_LABELS.length - 1 }), (it, reader, rank) => {
        const stricter = canRead({ ...it, tlp: TLP_LABELS[rank] }, reader, network);
        const looser = canRead({ ...it, tlp: TLP_LABELS[rank - 1] }, reader, network);
        return !stricter.allowed || looser.allowed;
      }),
    );
  });

  it('audits exactly the reads of AMBER, AMBER+STRICT and RED by someone other than the author', () => {
    fc.assert(
      fc.property(arbitraryItem, arbitraryReader, (it, reader) => {
        const decision = canRead(it, reader, network);
        if (!decision.allowed) return true;
        const sensitive = it.tlp === 'TLP:AMBER' || it.tlp === 'TLP:AMBER+STRICT' || it.tlp === 'TLP:RED';
        return decision.audited === (sensitive && reader?.orgId !== it.authorOrgId);
      }),
    );
  });

  it('lets the unauthenticated and outsiders read CLEAR and nothing else', () => {
    fc.assert(
      fc.property(arbitraryItem, fc.constantFrom<Reader>(null, { orgId: 'acme' }), (it, reader) => {
        return canRead(it, reader, network).allowed === (it.tlp === 'TLP:CLEAR');
      }),
    );
  });
});

describe('canForward', () => {
  // [marking, forwarder, target, expected]: 'forward' = allowed, else the denial code.
  const forwarding: Array<[TlpLabel | 'unmarked', string, string, 'forward' | 'forward, audited' | `TLP.${string}`]> = [
    ['TLP:CLEAR', 'health', 'acme', 'forward'],
    ['TLP:CLEAR', 'acme', 'telia', 'forward'],
    ['TLP:GREEN', 'health', 'telia', 'forward'],
    ['TLP:GREEN', 'telecom', 'centre', 'forward'],
    ['TLP:GREEN', 'health', 'acme', 'TLP.NOT_IN_NETWORK'],
    ['TLP:GREEN', 'acme', 'health', 'TLP.FORWARDER_NOT_READER'],
    ['TLP:AMBER', 'health', 'rigshospitalet', 'forward, audited'],
    ['TLP:AMBER', 'energy', 'adatum', 'forward, audited'],
    ['TLP:AMBER', 'health', 'telia', 'TLP.FORWARD_OUTSIDE_MEMBERS'],
    ['TLP:AMBER', 'health', 'centre', 'TLP.FORWARD_OUTSIDE_MEMBERS'],
    ['TLP:AMBER', 'health', 'adatum', 'TLP.FORWARD_OUTSIDE_MEMBERS'],
    ['TLP:AMBER', 'health', 'acme', 'TLP.NOT_IN_NETWORK'],
    ['TLP:AMBER', 'telecom', 'telia', 'TLP.FORWARDER_NOT_READER'],
    ['TLP:AMBER', 'rigshospitalet', 'health', 'TLP.FORWARD_OUTSIDE_MEMBERS'],
    ['TLP:AMBER+STRICT', 'health', 'rigshospitalet', 'TLP.NEVER_FORWARDED'],
    ['TLP:AMBER+STRICT', 'energy', 'adatum', 'TLP.NEVER_FORWARDED'],
    ['TLP:RED', 'health', 'rigshospitalet', 'TLP.NEVER_FORWARDED'],
    ['TLP:RED', 'energy', 'centre', 'TLP.NEVER_FORWARDED'],
    ['unmarked', 'energy', 'adatum', 'TLP.UNMARKED'],
  ];

  it.each(forwarding)('%s item, forwarded by %s to %s → %s', (marking, forwarder, target, expected) => {
    const decision = canForward(item(marking === 'unmarked' ? undefined : marking), forwarder, target, network);
    const actual = decision.allowed ? (decision.audited ? 'forward, audited' : 'forward') : decision.code;
    expect(actual).toBe(expected);
  });

  it('says why RED and AMBER+STRICT are never forwarded', () => {
    expect(canForward(item('TLP:RED'), 'health', 'rigshospitalet', network)).toMatchObject({
      reason: expect.stringContaining('never forwarded'),
    });
    expect(canForward(item('TLP:AMBER+STRICT'), 'health', 'rigshospitalet', network)).toMatchObject({
      reason: expect.stringContaining('not even to its members'),
    });
  });

  it('never forwards an unmarked incident (treated as TLP:AMBER+STRICT)', () => {
    expect(canForward(item(undefined, 'incident'), 'health', 'rigshospitalet', network)).toMatchObject({ code: 'TLP.NEVER_FORWARDED' });
  });
});

describe('canRelax', () => {
  const cases: Array<[TlpLabel | 'unmarked', string, TlpLabel, 'changed, audited' | 'unchanged' | `TLP.${string}`]> = [
    ['TLP:RED', 'energy', 'TLP:AMBER', 'changed, audited'],
    ['TLP:AMBER+STRICT', 'energy', 'TLP:CLEAR', 'changed, audited'],
    ['TLP:AMBER', 'energy', 'TLP:GREEN', 'changed, audited'],
    ['unmarked', 'energy', 'TLP:GREEN', 'changed, audited'],
    ['TLP:GREEN', 'energy', 'TLP:RED', 'changed, audited'],
    ['TLP:AMBER', 'energy', 'TLP:AMBER', 'unchanged'],
    ['TLP:RED', 'health', 'TLP:AMBER', 'TLP.NOT_AUTHOR'],
    ['TLP:AMBER', 'rigshospitalet', 'TLP:CLEAR', 'TLP.NOT_AUTHOR'],
    ['TLP:AMBER', 'centre', 'TLP:GREEN', 'TLP.NOT_AUTHOR'],
    ['TLP:GREEN', 'health', 'TLP:RED', 'TLP.NOT_AUTHOR'],
    ['unmarked', 'health', 'TLP:CLEAR', 'TLP.NOT_AUTHOR'],
  ];

  it.each(cases)('%s item re-marked by %s as %s → %s', (marking, by, newTlp, expected) => {
    const decision = canRelax(item(marking === 'unmarked' ? undefined : marking), by, newTlp);
    const actual = decision.allowed ? (decision.audited ? 'changed, audited' : 'unchanged') : decision.code;
    expect(actual).toBe(expected);
  });

  it('says a relaxation is a relaxation', () => {
    expect(canRelax(item('TLP:RED'), 'energy', 'TLP:AMBER')).toMatchObject({ reason: 'The author relaxes TLP:RED to TLP:AMBER.' });
  });
});

describe('describeDenial', () => {
  it('names marking, author and reader by slug', () => {
    expect(describeDenial(item('TLP:RED'), 'health', 'energy')).toBe('TLP:RED from energy, not readable by health');
    expect(describeDenial(item(undefined), 'centre', 'energy')).toBe('Unmarked item from energy, not readable by centre');
    expect(describeDenial(item(undefined, 'incident'), 'telecom', 'energy')).toBe('TLP:AMBER+STRICT from energy, not readable by telecom');
  });
});
