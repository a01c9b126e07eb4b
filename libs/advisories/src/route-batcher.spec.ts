import { RouteBatcher } from './route-batcher.js';

describe('RouteBatcher', () => {
  it('runs keys submitted together in one call and answers each with its own result', async () => {
    const calls: string[][] = [];
    const batcher = new RouteBatcher<number>(async (keys) => (calls.push(keys), new Map(keys.map((k) => [k, k.length]))), 3, 5);
    const results = await Promise.all(['a', 'bb', 'a', 'cccc'].map((k) => batcher.submit(k)));
    expect(results).toEqual([1, 2, 1, 4]);
    expect(calls).toEqual([['a', 'bb'], ['cccc']]); // the third submission filled the first batch (duplicates collapse)
  });

  it('fails every submitter of a failed batch', async () => {
    const batcher = new RouteBatcher<number>(async () => {
      throw new Error('database away');
    });
    await expect(Promise.all([batcher.submit('a'), batcher.submit('b')])).rejects.toThrow('database away');
  });
});

describe('RouteBatcher in flight', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('runs at most maxInFlight calls at once; what arrives meanwhile goes in the next, fuller call', async () => {
    const calls: string[][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    let running = 0;
    let most = 0;
    const batcher = new RouteBatcher<string>(
      async (keys) => {
        calls.push(keys);
        most = Math.max(most, ++running);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        running--;
        return new Map(keys.map((k) => [k, k.toUpperCase()]));
      },
      100,
      1,
      2,
    );
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const first = [batcher.submit('a')];
    await tick();
    const second = [batcher.submit('b')];
    await tick();
    // both calls are running: these wait, however long
    const later = ['c', 'd', 'e'].map((k) => batcher.submit(k));
    await tick();
    await tick();
    expect(calls).toEqual([['a'], ['b']]);
    gates[0].resolve();
    expect(await Promise.all(first)).toEqual(['A']);
    await tick();
    expect(calls).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    gates[1].resolve();
    gates[2].resolve();
    expect(await Promise.all([...second, ...later])).toEqual(['B', 'C', 'D', 'E']);
    expect(most).toBe(2);
  });

  it('splits what waited into calls of at most maxSize', async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const batcher = new RouteBatcher<number>(
      async (keys) => {
        calls.push(keys);
        if (calls.length === 1) await held;
        return new Map(keys.map((k) => [k, 1]));
      },
      2,
      1,
      1,
    );
    const all = ['a', 'b', 'c', 'd', 'e'].map((k) => batcher.submit(k));
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual([['a', 'b']]);
    release();
    expect(await Promise.all(all)).toEqual([1, 1, 1, 1, 1]);
    expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
});
