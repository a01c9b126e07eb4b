import type { Network, NetworkOrg, Reader, TlpLabel } from '@isac/tlp';
import { mayCarryGranularMarkings, objectAsSeenBy, withholdParts } from './granular-withholding.js';
import { validateObject } from './object.validator.js';
import { IDS, T0, T1 } from './testing/stix-fixtures.js';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from './tlp-markings.js';

const CLEAR = TLP2_MARKING_IDS['TLP:CLEAR'];
const GREEN = TLP2_MARKING_IDS['TLP:GREEN'];
const AMBER = TLP2_MARKING_IDS['TLP:AMBER'];
const RED = TLP2_MARKING_IDS['TLP:RED'];
const RED_1_0 = TLP1_MARKING_IDS.red;
const STATEMENT = IDS.statementMarking;

type Marking = { marking_ref?: string; lang?: string; selectors: string[] };

function attackPattern(granular?: Marking[]): Record<string, unknown> {
  return {
    type: 'attack-pattern',
    spec_version: '2.1',
    id: IDS.attackPattern,
    created: T0,
    modified: T1,
    created_by_ref: IDS.identity,
    object_marking_refs: [CLEAR],
    name: 'Spearphishing Attachment',
    description: 'seen at the substation operator',
    labels: ['a', 'b', 'c'],
    external_references: [
      { source_name: 'capec', external_id: 'CAPEC-163', url: 'https://capec.mitre.org/data/definitions/163.html' },
      { source_name: 'internal', url: 'https://wiki.example/case-7' },
    ],
    kill_chain_phases: [
      { kill_chain_name: 'mitre-attack', phase_name: 'initial-access' },
      { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
    ],
    ...(granular ? { granular_markings: granular } : {}),
  };
}

/** The attack pattern without `drop`, with `changes` applied and these granular markings (none: the property is absent). */
function expected(drop: string[], changes: Record<string, unknown>, granular?: Marking[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attackPattern(granular), ...changes };
  for (const key of drop) delete out[key];
  return out;
}

// a reader who may read CLEAR and GREEN parts, not AMBER or RED ones (the policy's answer is a parameter here)
const publicOrGreen = (label: TlpLabel) => label === 'TLP:CLEAR' || label === 'TLP:GREEN';
const [ref0, ref1] = attackPattern().external_references as Record<string, unknown>[];
const [phase0] = attackPattern().kill_chain_phases as Record<string, unknown>[];

describe('withholdParts: what a granular TLP marking the reader may not read leaves of an object (STIX 2.1 §7.2.3)', () => {
  const table: Array<[string, Marking[] | undefined, Record<string, unknown> | null | 'unchanged']> = [
    ['no granular markings', undefined, 'unchanged'],
    ['a readable GREEN part', [{ marking_ref: GREEN, selectors: ['description'] }], 'unchanged'],
    ['a statement marking restricts nothing', [{ marking_ref: STATEMENT, selectors: ['description'] }], 'unchanged'],
    ['a lang marking restricts nothing', [{ lang: 'da', selectors: ['description'] }], 'unchanged'],
    ['a RED description', [{ marking_ref: RED, selectors: ['description'] }], expected(['description'], {})],
    ['a TLP 1.0 RED description', [{ marking_ref: RED_1_0, selectors: ['description'] }], expected(['description'], {})],
    ['an AMBER description', [{ marking_ref: AMBER, selectors: ['description'] }], expected(['description'], {})],
    [
      'a list item: labels.[1], a later item re-pointed',
      [{ marking_ref: RED, selectors: ['labels.[1]'] }, { marking_ref: GREEN, selectors: ['labels.[2]'] }],
      expected([], { labels: ['a', 'c'] }, [{ marking_ref: GREEN, selectors: ['labels.[1]'] }]),
    ],
    ['every item of a list: the list goes (no empty lists)', [{ marking_ref: RED, selectors: ['labels.[0]', 'labels.[1]', 'labels.[2]'] }], expected(['labels'], {})],
    ['a whole list property', [{ marking_ref: AMBER, selectors: ['kill_chain_phases'] }], expected(['kill_chain_phases'], {})],
    [
      'kill_chain_phases.[1], and a marking of a part inside it goes with it',
      [{ marking_ref: RED, selectors: ['kill_chain_phases.[1]'] }, { marking_ref: GREEN, selectors: ['kill_chain_phases.[1].phase_name'] }],
      expected([], { kill_chain_phases: [phase0] }),
    ],
    [
      'a nested optional property: external_references.[0].url',
      [{ marking_ref: RED, selectors: ['external_references.[0].url'] }],
      expected([], { external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }, ref1] }),
    ],
    [
      'a nested property its item cannot do without: the item goes, later selectors re-pointed',
      [{ marking_ref: RED, selectors: ['external_references.[0].source_name'] }, { marking_ref: GREEN, selectors: ['external_references.[1].url'] }],
      expected([], { external_references: [ref1] }, [{ marking_ref: GREEN, selectors: ['external_references.[0].url'] }]),
    ],
    [
      'nested parts leaving an external reference with neither description, url nor external_id: the item goes',
      [{ marking_ref: RED, selectors: ['external_references.[0].url', 'external_references.[0].external_id'] }],
      expected([], { external_references: [ref1] }),
    ],
    [
      'a marking selecting a withheld and a kept part keeps the kept one',
      [{ marking_ref: RED, selectors: ['description'] }, { marking_ref: GREEN, selectors: ['description', 'labels.[0]'] }],
      expected(['description'], {}, [{ marking_ref: GREEN, selectors: ['labels.[0]'] }]),
    ],
    [
      'parts under several markings: the strictest one decides',
      [{ marking_ref: GREEN, selectors: ['external_references'] }, { marking_ref: RED, selectors: ['external_references.[1]'] }],
      expected([], { external_references: [ref0] }, [{ marking_ref: GREEN, selectors: ['external_references'] }]),
    ],
    ['a RED required property (name): the whole object', [{ marking_ref: RED, selectors: ['name'] }], null],
    ['a RED created_by_ref: the whole object', [{ marking_ref: RED, selectors: ['created_by_ref'] }], null],
    ['a RED modified: the whole object', [{ marking_ref: RED, selectors: ['modified'] }], null],
    ['one of the object_marking_refs: the whole object', [{ marking_ref: RED, selectors: ['object_marking_refs.[0]'] }], null],
    ['a RED id: the whole object', [{ marking_ref: AMBER, selectors: ['id'] }], null],
  ];

  it.each(table)('%s', (_name, granular, outcome) => {
    const obj = attackPattern(granular);
    const before = JSON.stringify(obj);
    const seen = withholdParts(obj, publicOrGreen);
    expect(JSON.stringify(obj)).toBe(before); // the stored object is never modified
    if (outcome === 'unchanged') expect(seen).toBe(obj);
    else expect(seen).toEqual(outcome);
    if (seen !== null) expect(validateObject(seen).errors).toEqual([]);
  });

  it('a reader who may read every part gets the object itself', () => {
    const obj = attackPattern([{ marking_ref: RED, selectors: ['description', 'labels.[1]', 'name'] }]);
    expect(withholdParts(obj, () => true)).toBe(obj);
  });

  const report = (refs: string[], granular: Marking[]) => ({
    type: 'report', spec_version: '2.1', id: IDS.report, created: T0, modified: T1, object_marking_refs: [GREEN],
    name: 'Weekly energy brief', published: T1, object_refs: refs, granular_markings: granular,
  });

  it('one item of a required list may be withheld; the whole list may not', () => {
    const some = withholdParts(report([IDS.incident, IDS.indicator], [{ marking_ref: RED, selectors: ['object_refs.[0]'] }]), publicOrGreen);
    const { granular_markings: _none, ...expectedReport } = report([IDS.indicator], []);
    expect(some).toStrictEqual(expectedReport);
    expect(withholdParts(report([IDS.incident], [{ marking_ref: RED, selectors: ['object_refs.[0]'] }]), publicOrGreen)).toBeNull();
    expect(withholdParts(report([IDS.incident, IDS.indicator], [{ marking_ref: RED, selectors: ['object_refs'] }]), publicOrGreen)).toBeNull();
  });

  it('a conditional requirement left unmet withholds the object (observed-data needs object_refs or objects)', () => {
    const observed = {
      type: 'observed-data', spec_version: '2.1', id: IDS.observedData, created: T0, modified: T1,
      first_observed: T0, last_observed: T1, number_observed: 1, object_refs: [IDS.ipv4],
      granular_markings: [{ marking_ref: RED, selectors: ['object_refs'] }],
    };
    expect(withholdParts(observed, publicOrGreen)).toBeNull();
  });

  it('nested selectors into an extension: the property, then the extension once emptied', () => {
    const incident = {
      type: 'incident', spec_version: '2.1', id: IDS.incident, created: T0, modified: T1, name: 'Ransomware',
      extensions: { 'x-acme-ext': { extension_type: 'property-extension', site: 'substation 7', phase: 'triage' } },
    };
    const one = withholdParts({ ...incident, granular_markings: [{ marking_ref: RED, selectors: ['extensions.x-acme-ext.site'] }] }, publicOrGreen);
    expect(one).toEqual({ ...incident, extensions: { 'x-acme-ext': { extension_type: 'property-extension', phase: 'triage' } } });
    const all = withholdParts({ ...incident, granular_markings: [{ marking_ref: RED, selectors: ['extensions'] }] }, publicOrGreen);
    const { extensions: _gone, ...bare } = incident;
    expect(all).toEqual(bare);
  });

  it('a property an extension cannot do without: that extension goes, the others stay', () => {
    const core = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
    const incident = {
      type: 'incident', spec_version: '2.1', id: IDS.incident, created: T0, modified: T1, name: 'Ransomware',
      extensions: {
        [core]: { extension_type: 'property-extension', determination: 'successful-attempt', investigation_status: 'open' },
        'x-acme-ext': { extension_type: 'property-extension', site: 'substation 7' },
      },
    };
    const seen = withholdParts({ ...incident, granular_markings: [{ marking_ref: RED, selectors: [`extensions.${core}.determination`] }] }, publicOrGreen);
    expect(seen).toEqual({ ...incident, extensions: { 'x-acme-ext': incident.extensions['x-acme-ext'] } });
  });

  it('an extension that defines the object type is part of what it is', () => {
    const custom = {
      type: 'x-acme-asset', spec_version: '2.1', id: 'x-acme-asset--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', created: T0, modified: T1, label: 'pump',
      extensions: { 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62': { extension_type: 'new-sdo' } },
      granular_markings: [{ marking_ref: RED, selectors: ['extensions'] }],
    };
    expect(withholdParts(custom, publicOrGreen)).toBeNull();
  });

  it('mayCarryGranularMarkings is a safe pre-test of the stored text', () => {
    expect(mayCarryGranularMarkings(JSON.stringify(attackPattern()))).toBe(false);
    expect(mayCarryGranularMarkings(JSON.stringify(attackPattern([{ marking_ref: RED, selectors: ['name'] }])))).toBe(true);
    // PostgreSQL's jsonb text puts a space after the colon
    expect(mayCarryGranularMarkings('{"granular_markings": []}')).toBe(true);
  });
});

describe('objectAsSeenBy: the issue 14 finding, decided by the TLP policy', () => {
  const orgs: NetworkOrg[] = [
    { id: 'centre', slug: 'centre', kind: 'centre' },
    { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
    { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
    { id: 'adatum', slug: 'adatum', kind: 'member', sector: 'energy', parentId: 'energy' },
  ];
  const network: Network = { org: (id) => orgs.find((o) => o.id === id) };
  // filed by adatum; incidents are addressed to the centre and the reporter's sector unit
  const owner = { authorOrgId: 'adatum', recipientOrgIds: ['centre', 'energy'] };
  const incident = {
    type: 'incident', spec_version: '2.1', id: IDS.incident, created: T0, modified: T1, object_marking_refs: [CLEAR],
    name: 'Ransomware at substation operator', description: 'the operator paid; the keys came from the vendor',
    granular_markings: [{ marking_ref: RED, selectors: ['description'] }],
  };
  const { description: _d, granular_markings: _g, ...withoutDescription } = incident;

  it.each<[string, Reader, boolean]>([
    ['the public feed', null, false],
    ['another organisation (health)', { orgId: 'health' }, false],
    ['the author (adatum)', { orgId: 'adatum' }, true],
    ['a RED recipient (centre)', { orgId: 'centre' }, true],
    ['a RED recipient (energy)', { orgId: 'energy' }, true],
  ])('%s sees the description: %s', (_who, reader, sees) => {
    expect(objectAsSeenBy(incident, owner, reader, network)).toEqual(sees ? incident : withoutDescription);
  });
});
