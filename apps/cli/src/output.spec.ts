import { TLP_LABELS } from '@isac/tlp';
import { countdown, shortTime, table, tlpLabel, visibleLength } from './output.js';

describe('terminal output', () => {
  it('aligns columns on what is visible, so coloured TLP labels take only their letters', () => {
    const red = tlpLabel('TLP:RED', true);
    expect(red).not.toBe('TLP:RED');
    expect(visibleLength(red)).toBe(7);
    const lines = table(['id', 'tlp', 'title'], [['a1', red, 'first'], ['b22', tlpLabel('TLP:AMBER+STRICT', true), 'second']]);
    const plain = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(plain).toEqual(['ID   TLP               TITLE', 'a1   TLP:RED           first', 'b22  TLP:AMBER+STRICT  second']);
  });

  it('prints TLP labels plain without colour, and says (none) for an empty table', () => {
    expect(tlpLabel('TLP:GREEN', false)).toBe('TLP:GREEN');
    expect(tlpLabel(null, true)).toBe('TLP:?');
    expect(table(['a'], [])).toEqual(['(none)']);
  });

  it("colours every label of @isac/tlp, AMBER and AMBER+STRICT alike, and nothing else", () => {
    const colourOf = (label: string) => /^\x1b\[1;38;2;([\d;]+);48;2;0;0;0m/.exec(tlpLabel(label, true))?.[1];
    expect(Object.fromEntries(TLP_LABELS.map((l) => [l, colourOf(l)]))).toEqual({
      'TLP:CLEAR': '255;255;255',
      'TLP:GREEN': '51;255;0',
      'TLP:AMBER': '255;192;0',
      'TLP:AMBER+STRICT': '255;192;0',
      'TLP:RED': '255;43;43',
    });
    expect(tlpLabel('TLP:WHITE', true)).toBe('TLP:WHITE');
  });

  it('counts deadlines down, and up once passed', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(countdown('2026-11-25T09:12:00Z', now)).toBe('in 23h 12m');
    expect(countdown('2026-11-27T12:00:00Z', now)).toBe('in 3d 2h');
    expect(countdown('2026-11-24T10:05:30Z', now)).toBe('in 5m');
    expect(countdown('2026-11-24T07:55:00Z', now)).toBe('overdue 2h 5m');
  });

  it('shows instants to the minute in UTC', () => {
    expect(shortTime('2026-11-24T06:00:59.999Z')).toBe('2026-11-24 06:00Z');
    expect(shortTime(null)).toBe('-');
  });
});
