import type { QueueProducer } from '@isac/messaging';
import { BriefingProcessor } from './briefing.processor.js';
import type { BriefingService } from './briefing.service.js';

function fakes() {
  const added: unknown[] = [];
  const sent: [string, string, Date?][] = [];
  const producer = { addBulk: async (_queue: unknown, jobs: unknown[]) => added.push(...jobs), schedule: async () => undefined } as unknown as QueueProducer;
  const briefings = {
    subscribedOrgIds: async () => ['org-a', 'org-b'],
    send: async (orgId: string, day: string, now?: Date) => (sent.push([orgId, day, now]), { orgId, day }),
  } as unknown as BriefingService;
  return { processor: new BriefingProcessor(briefings, producer), added, sent };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('BriefingProcessor', () => {
  it('the daily sweep adds one compose job per subscribed organisation, with an id per day so a re-run sends once', async () => {
    const { processor, added } = fakes();
    // a scheduler's job is created when the previous run starts: its timestamp is the day before
    const created = Date.now() - 24 * 3600_000;
    const before = Date.now();
    const result = (await processor.handle({ name: 'sweep', data: {}, attemptsMade: 0, timestamp: created })) as { day: string; organisations: number };
    const after = Date.now();
    expect(result.organisations).toBe(2);
    expect(result.day).not.toBe(dayOf(created));
    expect([dayOf(before), dayOf(after)]).toContain(result.day);
    const jobs = added as { name: string; data: { orgId: string; day: string; until: string }; opts: { jobId: string } }[];
    expect(jobs.map((j) => [j.name, j.data.orgId, j.data.day, j.opts.jobId])).toEqual([
      ['compose', 'org-a', result.day, `briefing:org-a:${result.day}`],
      ['compose', 'org-b', result.day, `briefing:org-b:${result.day}`],
    ]);
    // both cover the 24 hours up to the sweep, however late each compose job runs
    for (const j of jobs) expect(Date.parse(j.data.until)).toBeGreaterThanOrEqual(before);
    for (const j of jobs) expect(Date.parse(j.data.until)).toBeLessThanOrEqual(after);
    expect(new Set(jobs.map((j) => j.data.until)).size).toBe(1);
  });

  it("a compose job sends that organisation its briefing of the day, for the 24 hours up to the sweep's run", async () => {
    const { processor, sent } = fakes();
    await processor.handle({ name: 'compose', data: { orgId: 'org-a', day: '2026-11-24', until: '2026-11-24T06:00:00.123Z' }, attemptsMade: 2, timestamp: 0 });
    expect(sent).toEqual([['org-a', '2026-11-24', new Date('2026-11-24T06:00:00.123Z')]]);
  });

  it('a compose job queued without a window end (before this field existed) ends it now', async () => {
    const { processor, sent } = fakes();
    const before = Date.now();
    await processor.handle({ name: 'compose', data: { orgId: 'org-a', day: '2026-11-24' }, attemptsMade: 0, timestamp: 0 });
    expect(sent[0].slice(0, 2)).toEqual(['org-a', '2026-11-24']);
    expect((sent[0][2] as Date).getTime()).toBeGreaterThanOrEqual(before);
  });
});
