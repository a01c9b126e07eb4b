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
