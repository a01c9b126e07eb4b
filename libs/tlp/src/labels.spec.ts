import fc from 'fast-check';
import { TLP_LABELS, mostRestrictive, parseTlpLabel, type TlpLabel } from './labels.js';

describe('TLP_LABELS', () => {
  it('lists the FIRST TLP 2.0 labels from least to most restrictive', () => {
    expect(TLP_LABELS).toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
  });
});

describe('parseTlpLabel', () => {
  it.each<[string, TlpLabel | undefined]>([
    ['TLP:CLEAR', 'TLP:CLEAR'],
    ['TLP:GREEN', 'TLP:GREEN'],
    ['TLP:AMBER', 'TLP:AMBER'],
    ['TLP:AMBER+STRICT', 'TLP:AMBER+STRICT'],
    ['TLP:RED', 'TLP:RED'],
    ['tlp:amber+strict', 'TLP:AMBER+STRICT'],
    ['Tlp:Red', 'TLP:RED'],
    ['TLP:WHITE', 'TLP:CLEAR'],
    ['tlp:white', 'TLP:CLEAR'],
    ['AMBER', undefined],
    ['TLP: AMBER', undefined],
    [' TLP:AMBER', undefined],
    ['TLP:AMBER-STRICT', undefined],
    ['TLP:AMBER+', undefined],
    ['TLP:EX:CHR', undefined],
    ['', undefined],
  ])('%j → %s', (input, expected) => {
    expect(parseTlpLabel(input)).toBe(expected);
  });
});

describe('mostRestrictive', () => {
  it.each<[TlpLabel[], TlpLabel | undefined]>([
    [[], undefined],
    [['TLP:GREEN'], 'TLP:GREEN'],
    [['TLP:CLEAR', 'TLP:AMBER', 'TLP:GREEN'], 'TLP:AMBER'],
    [['TLP:AMBER', 'TLP:AMBER+STRICT'], 'TLP:AMBER+STRICT'],
    [['TLP:RED', 'TLP:CLEAR'], 'TLP:RED'],
  ])('%j → %s', (labels, expected) => {
    expect(mostRestrictive(labels)).toBe(expected);
  });

  it('returns one of the labels, at least as strict as each of them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TLP_LABELS), { minLength: 1 }), (labels) => {
        const strictest = mostRestrictive(labels)!;
        return labels.includes(strictest) && labels.every((l) => TLP_LABELS.indexOf(l) <= TLP_LABELS.indexOf(strictest));
      }),
    );
  });
});
