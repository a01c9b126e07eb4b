import { CliError, EXIT } from './exit-codes.js';
import { NewEntries, watchEvery } from './watch.js';

describe('what --watch prints', () => {
  it('each entry once, oldest first, across polls of newest-first pages', () => {
    const seen = new NewEntries<{ id: string }>();
    const first: { id: string }[] = [];
    expect(seen.take([{ id: 'b' }, { id: 'a' }], first)).toBe(true);
    expect(NewEntries.oldestFirst(first).map((e) => e.id)).toEqual(['a', 'b']);
    const second: { id: string }[] = [];
    // c and d arrived; a late commit put e after b
    expect(seen.take([{ id: 'd' }, { id: 'c' }, { id: 'b' }, { id: 'e' }, { id: 'a' }], second)).toBe(false);
    expect(NewEntries.oldestFirst(second).map((e) => e.id)).toEqual(['e', 'c', 'd']);
    const third: { id: string }[] = [];
    expect(seen.take([{ id: 'd' }, { id: 'c' }], third)).toBe(false);
    expect(third).toEqual([]);
  });

  it('asks for the next page only when the whole page was new', () => {
    const seen = new NewEntries<{ id: string }>();
    expect(seen.take([], [])).toBe(false);
    expect(seen.take([{ id: 'x' }], [])).toBe(true);
    expect(seen.take([{ id: 'y' }, { id: 'x' }], [])).toBe(false);
  });
});

describe('the watch loop', () => {
  it('reports an unreachable hub once, keeps polling, says when it is back, and ends on SIGINT', async () => {
    const notes: string[] = [];
    let ticks = 0;
    await watchEvery(
      10,
      async () => {
        ticks++;
        if (ticks === 2 || ticks === 3) throw new CliError(EXIT.UNAVAILABLE, ['error: cannot reach the hub']);
        if (ticks === 5) process.emit('SIGINT');
      },
      (lines) => notes.push(...lines),
    );
    expect(ticks).toBe(5);
    expect(notes).toEqual(['error: cannot reach the hub', 'still watching; trying again every 0 s', 'hub reachable again']);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('ends with the error when the hub refuses (a revoked key)', async () => {
    const refusal = new CliError(EXIT.REJECTED, ['error: revoked']);
    await expect(watchEvery(10, async () => Promise.reject(refusal), () => undefined)).rejects.toBe(refusal);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
