import { canReadComposed, composedMarking, screenSources, type ComposedDocument } from './composed.js';
import type { TlpLabel } from './labels.js';
import type { Network, NetworkOrg, ReadableItem } from './policy.js';

// The seeded shape: the centre, sector units (shipping has no member here: members join later),
// members under their unit.
const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
  { id: 'telecom', slug: 'telecom', kind: 'sector-unit', sector: 'telecom', parentId: 'centre' },
  { id: 'shipping', slug: 'shipping', kind: 'sector-unit', sector: 'shipping', parentId: 'centre' },
  { id: 'litware', slug: 'litware', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'hospital', slug: 'hospital', kind: 'member', sector: 'health', parentId: 'health' },
  { id: 'telia', slug: 'telia', kind: 'member', sector: 'telecom', parentId: 'telecom' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

const source = (tlp: TlpLabel | undefined, authorOrgId: string, recipientOrgIds: string[], kind?: ReadableItem['kind']): ReadableItem => ({ tlp, authorOrgId, recipientOrgIds, kind });
// an agenda of the centre for four participants (finding 1), a briefing of the centre for shipping (finding 2)
const agenda: ComposedDocument = { authorOrgId: 'centre', recipientOrgIds: ['centre', 'energy', 'health', 'telecom'] };
const briefing: ComposedDocument = { authorOrgId: 'centre', recipientOrgIds: ['shipping'] };

describe('composedMarking: the marking of a composed document is no wider than its narrowest source', () => {
  const table: Array<[string, ComposedDocument, ReadableItem[], TlpLabel | undefined, TlpLabel]> = [
    ['no sources: the floor', agenda, [], 'TLP:AMBER', 'TLP:AMBER'],
    ['no sources, no floor: TLP:CLEAR', agenda, [], undefined, 'TLP:CLEAR'],
    ['CLEAR sources and a CLEAR floor stay CLEAR', agenda, [source('TLP:CLEAR', 'energy', [])], 'TLP:CLEAR', 'TLP:CLEAR'],
    ['a GREEN source lifts CLEAR to GREEN', agenda, [source('TLP:GREEN', 'energy', [])], 'TLP:CLEAR', 'TLP:GREEN'],
    ['GREEN sources under an AMBER floor: AMBER', agenda, [source('TLP:GREEN', 'energy', [])], 'TLP:AMBER', 'TLP:AMBER'],
    ['an AMBER source to every participant: their members read both, AMBER', agenda, [source('TLP:AMBER', 'energy', ['centre', 'energy', 'health', 'telecom'])], 'TLP:GREEN', 'TLP:AMBER'],
    ['finding 1: AMBER from energy to centre, health, telecom: litware reads an AMBER agenda, not the source', agenda, [source('TLP:AMBER', 'energy', ['centre', 'health', 'telecom'])], 'TLP:AMBER', 'TLP:AMBER+STRICT'],
    ['finding 2: AMBER from shipping to centre and health; shipping has no member yet, one may join', briefing, [source('TLP:AMBER', 'shipping', ['centre', 'health'])], 'TLP:GREEN', 'TLP:AMBER+STRICT'],
    ['an AMBER source to the reader of a briefing: its members read both', briefing, [source('TLP:AMBER', 'centre', ['shipping'])], 'TLP:GREEN', 'TLP:AMBER'],
    ['an AMBER+STRICT source: AMBER+STRICT', agenda, [source('TLP:AMBER+STRICT', 'energy', ['centre', 'energy', 'health', 'telecom'])], 'TLP:AMBER', 'TLP:AMBER+STRICT'],
    ['a RED source: RED', agenda, [source('TLP:RED', 'energy', ['centre', 'health', 'telecom'])], 'TLP:AMBER', 'TLP:RED'],
    ['an unmarked incident counts as AMBER+STRICT', briefing, [source(undefined, 'shipping', ['centre', 'shipping'], 'incident')], 'TLP:GREEN', 'TLP:AMBER+STRICT'],
    ['an unmarked advisory is its author\'s alone: RED', { authorOrgId: 'shipping', recipientOrgIds: ['shipping'] }, [source(undefined, 'shipping', [])], 'TLP:GREEN', 'TLP:RED'],
    ['the strictest of several sources, widened where needed', agenda, [source('TLP:GREEN', 'energy', []), source('TLP:AMBER', 'health', ['centre', 'energy', 'telecom'])], 'TLP:GREEN', 'TLP:AMBER+STRICT'],
  ];
  it.each(table)('%s', (_name, doc, sources, floor, expected) => {
    const marking = composedMarking(doc, sources, network, { floor });
    expect(marking).toMatchObject({ ok: true, tlp: expected });
  });

  it('says why it widened', () => {
    const marking = composedMarking(agenda, [source('TLP:AMBER', 'energy', ['centre', 'health', 'telecom'])], network, { floor: 'TLP:AMBER' });
    expect(marking).toEqual({ ok: true, tlp: 'TLP:AMBER+STRICT', reason: 'TLP:AMBER+STRICT: under TLP:AMBER, a member of energy could read the document but not every source it names.' });
  });

  it('a source a recipient may not read cannot be composed under any marking', () => {
    const marking = composedMarking(agenda, [source('TLP:RED', 'energy', ['centre'])], network, { floor: 'TLP:AMBER' });
    expect(marking).toMatchObject({ ok: false, code: 'TLP.COMPOSED_SOURCE_NOT_READABLE', notReadableBy: ['health', 'telecom'] });
  });

  it('the population adds real organisations to the readers tested', () => {
    const marking = composedMarking(agenda, [source('TLP:GREEN', 'energy', [])], network, { floor: 'TLP:GREEN', population: orgs.map((o) => o.id) });
    expect(marking).toMatchObject({ ok: true, tlp: 'TLP:GREEN' });
  });
});

describe('canReadComposed and screenSources: per reader', () => {
  // one source per marking, from health to energy; the document (an agenda of energy to energy and health) is GREEN
  const doc: ReadableItem = { tlp: 'TLP:GREEN', authorOrgId: 'energy', recipientOrgIds: ['energy', 'health'] };
  const of = (tlp: TlpLabel) => source(tlp, 'health', ['energy']);
  const relations: Record<string, string> = {
    author: 'health',
    'named recipient': 'energy',
    'member of the named recipient': 'litware',
    'other sector unit': 'telecom',
    centre: 'centre',
    'unrelated member': 'telia',
  };
  // whether the relation may read the source — and so see it in a document composed for it
  const table: Array<[TlpLabel, string, boolean]> = [];
  const readable: Record<TlpLabel, string[]> = {
    'TLP:CLEAR': Object.keys(relations),
    'TLP:GREEN': Object.keys(relations),
    'TLP:AMBER': ['author', 'named recipient', 'member of the named recipient'],
    'TLP:AMBER+STRICT': ['author', 'named recipient'],
    'TLP:RED': ['author', 'named recipient'],
  };
  for (const [tlp, who] of Object.entries(readable) as [TlpLabel, string[]][]) for (const relation of Object.keys(relations)) table.push([tlp, relation, who.includes(relation)]);

  it.each(table)('%s, %s: sees it %p', (tlp, relation, sees) => {
    const reader = { orgId: relations[relation] };
    const screen = screenSources([of(tlp)], reader, network);
    expect([screen.readable.length, screen.unreadable]).toEqual(sees ? [1, 0] : [0, 1]);
    expect(canReadComposed(doc, [of(tlp)], reader, network).decision.allowed).toBe(sees);
  });

  it('the whole document needs every source; the denial names none of them', () => {
    const sources = [of('TLP:GREEN'), of('TLP:RED')];
    const { decision, reads } = canReadComposed(doc, sources, { orgId: 'litware' }, network);
    expect(decision).toMatchObject({ allowed: false, code: 'TLP.COMPOSED_SOURCE_NOT_READABLE' });
    expect(reads).toEqual([]);
    expect(JSON.stringify(decision)).not.toMatch(/health|RED/);
  });

  it('counts the sources it may not read: one item, two items (issue 17, rough edge 7)', () => {
    const reason = (sources: ReturnType<typeof of>[]) => {
      const { decision } = canReadComposed(doc, sources, { orgId: 'litware' }, network);
      return decision.allowed ? '' : decision.reason;
    };
    expect(reason([of('TLP:GREEN'), of('TLP:RED')])).toMatch(/ names 1 item litware may not read,/);
    expect(reason([of('TLP:RED'), of('TLP:RED')])).toMatch(/ names 2 items litware may not read,/);
  });

  it('a reader the document itself is not for gets its denial, whatever the sources', () => {
    expect(canReadComposed({ ...doc, tlp: 'TLP:AMBER+STRICT' }, [of('TLP:CLEAR')], { orgId: 'litware' }, network).decision).toMatchObject({ allowed: false, code: 'TLP.NOT_RECIPIENT' });
  });

  it('an allowed read returns the source reads to audit, audited when a source is', () => {
    const { decision, reads } = canReadComposed(doc, [of('TLP:GREEN'), of('TLP:AMBER')], { orgId: 'energy' }, network);
    expect(decision).toMatchObject({ allowed: true, audited: true });
    expect(reads.map((r) => [r.source.tlp, r.decision.allowed && r.decision.audited])).toEqual([
      ['TLP:GREEN', false],
      ['TLP:AMBER', true],
    ]);
  });
});
