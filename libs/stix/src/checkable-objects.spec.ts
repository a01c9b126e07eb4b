import { checkableObjects } from './checkable-objects.js';

describe('checkableObjects', () => {
  const tool = { type: 'tool', id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created_by_ref: 'identity--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061' };

  it('keeps the sound objects themselves, index for index', () => {
    const objects = [tool, { type: 'ipv4-addr', value: '192.0.2.1' }];
    const checkable = checkableObjects({ type: 'bundle', objects })!;
    expect(checkable).toHaveLength(2);
    expect(checkable[0]).toBe(objects[0]);
    expect(checkable[1]).toBe(objects[1]);
  });

  it('turns what is not an object into an empty one and drops a malformed id, keeping the references', () => {
    const bad = { ...tool, id: 'tool--not-a-uuid' };
    expect(checkableObjects({ objects: [null, 3, ['x'], bad, { ...tool, id: 7 }] })).toEqual([
      {},
      {},
      {},
      { type: 'tool', created_by_ref: tool.created_by_ref },
      { type: 'tool', created_by_ref: tool.created_by_ref },
    ]);
    expect(bad.id).toBe('tool--not-a-uuid'); // the input is not modified
  });

  it('has nothing to give without a list of objects', () => {
    expect(checkableObjects([])).toBeUndefined();
    expect(checkableObjects({ type: 'bundle' })).toBeUndefined();
    expect(checkableObjects({ type: 'bundle', objects: {} })).toBeUndefined();
  });
});
