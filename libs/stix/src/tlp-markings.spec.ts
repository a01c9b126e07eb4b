import { validateObject } from './object.validator.js';
import {
  effectiveTlp,
  markingRefFor,
  mostRestrictive,
  TLP_ORDER,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  tlp1MarkingDefinition,
  tlpMarkingDefinition,
  tlpOfMarkingRef,
  withTlp,
  type TlpLabel,
} from './tlp-markings.js';

const STATEMENT = 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168';

describe('TLP markings', () => {
  it('knows the fixed TLP 2.0 ids (OASIS cti-stix-common-objects, tlp-2.0)', () => {
    expect(TLP2_MARKING_IDS).toEqual({
      'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
    expect(TLP2_EXTENSION_ID).toBe('extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
  });

  it.each([
    ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'TLP:CLEAR'],
    ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'TLP:AMBER+STRICT'],
    ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'TLP:CLEAR'],
    ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'TLP:GREEN'],
    ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'TLP:AMBER'],
    ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'TLP:RED'],
    [STATEMENT, undefined],
    [42, undefined],
  ])('tlpOfMarkingRef(%s) is %s', (id, label) => {
    expect(tlpOfMarkingRef(id)).toBe(label);
  });

  it('orders labels from CLEAR to RED and picks the most restrictive', () => {
    expect(TLP_ORDER).toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
    expect(mostRestrictive(['TLP:GREEN', undefined, 'TLP:AMBER+STRICT', 'TLP:AMBER'])).toBe('TLP:AMBER+STRICT');
    expect(mostRestrictive([])).toBeUndefined();
  });

  it('computes the effective TLP of an object from its object_marking_refs', () => {
    expect(effectiveTlp({ object_marking_refs: [STATEMENT, TLP1_MARKING_IDS.green, TLP2_MARKING_IDS['TLP:AMBER']] })).toBe('TLP:AMBER');
    expect(effectiveTlp({ object_marking_refs: [STATEMENT] })).toBeUndefined();
    expect(effectiveTlp({})).toBeUndefined();
    expect(effectiveTlp(null)).toBeUndefined();
    expect(effectiveTlp({ object_marking_refs: 'nope' })).toBeUndefined();
  });

  it('withTlp replaces TLP refs (1.0 and 2.0), keeps the others, and leaves the input alone', () => {
    const original = { type: 'note', object_marking_refs: [TLP1_MARKING_IDS.white, STATEMENT, TLP2_MARKING_IDS['TLP:GREEN']] };
    const marked = withTlp(original, 'TLP:RED');
    expect(marked.object_marking_refs).toEqual([STATEMENT, markingRefFor('TLP:RED')]);
    expect(original.object_marking_refs).toHaveLength(3);
    expect(withTlp({ type: 'note' }, 'TLP:CLEAR').object_marking_refs).toEqual([TLP2_MARKING_IDS['TLP:CLEAR']]);
  });

  it.each(TLP_ORDER.map((l) => [l]))('builds the fixed %s marking definition, valid and self-describing', (label: TlpLabel) => {
    const definition = tlpMarkingDefinition(label);
    expect(definition).toMatchObject({
      type: 'marking-definition',
      spec_version: '2.1',
      id: TLP2_MARKING_IDS[label],
      created: '2022-10-01T00:00:00.000Z',
      name: label,
      extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: label.slice(4).toLowerCase() } },
    });
    expect(validateObject(definition)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(effectiveTlp({ object_marking_refs: [definition.id] })).toBe(label);
  });

  it('builds the standard TLP 1.0 marking definitions (STIX 2.1 §7.2.1.4)', () => {
    expect(tlp1MarkingDefinition('white')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      created: '2017-01-20T00:00:00.000Z',
      name: 'TLP:WHITE',
      definition_type: 'tlp',
      definition: { tlp: 'white' },
    });
    expect(validateObject(tlp1MarkingDefinition('red')).valid).toBe(true);
  });
});
