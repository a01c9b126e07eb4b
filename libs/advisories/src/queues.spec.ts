import { pushJobId, routeJobAdvisories, routeJobId } from './queues.js';

describe('job ids', () => {
  const a = '0b3c8c8e-6f0e-4c55-9a52-2f4f0d7c1e11';
  const b = '5c1e8a3f-0d2b-4f6a-8e9c-7b1a2d3c4e5f';

  it('a push is one job per (advisory, organisation): the same pair collapses, any other pair does not', () => {
    expect(pushJobId({ advisoryId: a, orgId: b })).toBe(pushJobId({ advisoryId: a, orgId: b }));
    const ids = [
      pushJobId({ advisoryId: a, orgId: b }),
      pushJobId({ advisoryId: b, orgId: a }),
      pushJobId({ advisoryId: a, orgId: a }),
      routeJobId([{ advisoryId: a, redrives: 0 }]),
      routeJobId([{ advisoryId: a, redrives: 1 }]),
      routeJobId([
        { advisoryId: a, redrives: 0 },
        { advisoryId: b, redrives: 0 },
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // BullMQ refuses custom ids with ':' and integer ids
    for (const id of ids) expect(id).not.toMatch(/:|^\d+$/);
  });

  it('a route job of several advisories is named by all of them and their re-drives: the same batch collapses, any other does not', () => {
    const batch = (redrivesOfB: number) =>
      routeJobId([
        { advisoryId: a, redrives: 0 },
        { advisoryId: b, redrives: redrivesOfB },
      ]);
    expect(batch(0)).toBe(batch(0));
    const ids = [
      batch(0),
      batch(1),
      routeJobId([
        { advisoryId: b, redrives: 0 },
        { advisoryId: a, redrives: 0 },
      ]),
      routeJobId([{ advisoryId: a, redrives: 0 }]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a route job names its advisories in either shape (jobs queued before batching held one)', () => {
    expect(routeJobAdvisories({ advisoryIds: [a, b] })).toEqual([a, b]);
    expect(routeJobAdvisories({ advisoryId: a })).toEqual([a]);
  });
});
