import { minutesToAcknowledge, statusBoard } from './status-board.js';

const at = (m: number) => new Date(Date.parse('2026-03-01T08:00:00Z') + m * 60_000);

describe('statusBoard', () => {
  it('keeps each concerned sector latest state, in the order the room names them', () => {
    const board = statusBoard(['energy', 'health'], [
      { sector: 'energy', state: 'degraded', note: 'grid control on manual', at: at(20) },
      { sector: 'energy', state: 'affected', note: 'first', at: at(5) },
      { sector: 'finance', state: 'affected', note: 'not concerned', at: at(6) },
    ]);
    expect(board).toEqual([
      { sector: 'energy', state: 'degraded', note: 'grid control on manual', updatedAt: at(20), changes: 2 },
      { sector: 'health', state: 'not-reported', note: null, updatedAt: null, changes: 0 },
    ]);
  });
});

describe('minutesToAcknowledge', () => {
  it.each([
    [null, null],
    [at(0), 0],
    [at(12.9), 12],
    [at(-1), 0],
  ])('acknowledged at %p: %p minutes', (ackedAt, minutes) => expect(minutesToAcknowledge(at(0), ackedAt as Date | null)).toBe(minutes));
});
