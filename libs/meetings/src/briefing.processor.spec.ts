import type { QueueProducer } from '@isac/messaging';
import { BriefingProcessor } from './briefing.processor.js';
import type { BriefingService } from './briefing.service.js';

function fakes() {
  const added: unknown[] = [];
  const sent: [string, string][] = [];
  const producer = { queue: () => ({ addBulk: async (jobs: unknown[]) => added.push(...jobs), upsertJobScheduler: async () => undefined }) } as unknown as QueueProducer;
  const briefings = {
    subscribedOrgIds: async () => ['org-a', 'org-b'],
    send: async (orgId: string, day: string) => (sent.push([orgId, day]), { orgId, day }),
  } as unknown as BriefingService;
  return { processor: new BriefingProcessor(briefings, producer), added, sent };
}

describe('BriefingProcessor', () => {
  it("the daily sweep adds one compose job per subscribed organisation, with an id per day so a re-run sends once", async () => {
    const { processor, added } = fakes();
    const at = Date.parse('2026-11-24T06:00:00Z');
    expect(await processor.handle({ name: 'sweep', data: {}, attemptsMade: 0, timestamp: at })).toEqual({ day: '2026-11-24', organisations: 2 });
    expect(added).toEqual([
      { name: 'compose', data: { orgId: 'org-a', day: '2026-11-24' }, opts: { jobId: 'briefing:org-a:2026-11-24' } },
      { name: 'compose', data: { orgId: 'org-b', day: '2026-11-24' }, opts: { jobId: 'briefing:org-b:2026-11-24' } },
    ]);
  });

  it('a compose job sends that organisation its briefing of the day', async () => {
    const { processor, sent } = fakes();
    await processor.handle({ name: 'compose', data: { orgId: 'org-a', day: '2026-11-24' }, attemptsMade: 0, timestamp: 0 });
    expect(sent).toEqual([['org-a', '2026-11-24']]);
  });
});
