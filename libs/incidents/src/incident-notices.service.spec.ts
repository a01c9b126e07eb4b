import type { AdvisoriesService, AdvisoryQueriesService } from '@isac/advisories';
import type { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { IncidentNotices, type NoticeCase } from './incident-notices.service.js';
import { ADVISORY_ERRORS } from '@isac/advisories';

const noticeCase = (id: string): NoticeCase => ({ id, name: `case ${id}`, tlp: 'TLP:AMBER', severity: 'high', affectedSectors: ['energy', 'health'], reporterSlug: 'energy', sector: 'energy' });

describe('IncidentNotices.resendMissingImpact', () => {
  it('a notice that fails is left for the next sweep and does not hold back the others', async () => {
    const published: string[] = [];
    const advisories = {
      publish: async (_by: unknown, request: { title: string }, options: { idempotencyKey: string }) => {
        if (options.idempotencyKey.includes(':first:')) throw new DomainError(ADVISORY_ERRORS.invalid, 'no such organisation');
        published.push(request.title);
        return {};
      },
    } as unknown as AdvisoriesService;
    const queries = { publishedKeys: async () => new Set<string>() } as unknown as AdvisoryQueriesService;
    const directory = { network: async () => ({ bySlug: (slug: string) => (slug === 'energy' ? { id: 'energy-id' } : undefined) }) } as unknown as NetworkDirectory;
    const notices = new IncidentNotices(advisories, queries, directory);

    expect(await notices.resendMissingImpact([noticeCase('first'), noticeCase('second')])).toBe(1);
    expect(published).toEqual(['Incident affecting health: case second']);
  });
});
