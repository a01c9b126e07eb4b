import { KeyCheckGate } from './key-check-gate.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('KeyCheckGate', () => {
  it('runs `concurrency` checks at once, lets `waiting` more wait, and refuses the rest at once', async () => {
    const gate = new KeyCheckGate(2, 1);
    const release = [deferred(), deferred(), deferred()];
    let started = 0;
    const runs = release.map((d, i) =>
      gate.run(async () => {
        started++;
        await d.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toBe(2);
    await expect(gate.run(async () => 'late')).resolves.toEqual({ refused: true });

    release[0].resolve();
    await expect(runs[0]).resolves.toEqual({ refused: false, value: 0 });
    await new Promise((r) => setImmediate(r));
    expect(started).toBe(3); // the waiting one took the freed slot
    release[1].resolve();
    release[2].resolve();
    await expect(Promise.all(runs.slice(1))).resolves.toEqual([
      { refused: false, value: 1 },
      { refused: false, value: 2 },
    ]);
    // all slots free again
    await expect(gate.run(async () => 'again')).resolves.toEqual({ refused: false, value: 'again' });
  });

  it('frees the slot when a check throws', async () => {
    const gate = new KeyCheckGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 1)).resolves.toEqual({ refused: false, value: 1 });
  });
});
