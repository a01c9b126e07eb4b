import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BriefingSentEntity, BriefingSubscriptionEntity } from './briefing.entity.js';

/** Briefing subscriptions and sends (incident cases are @isac/incidents' to read: IncidentQueriesService). */
@Injectable()
export class BriefingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async subscribe(orgId: string): Promise<void> {
    await this.dataSource.getRepository(BriefingSubscriptionEntity).createQueryBuilder().insert().values({ orgId }).orIgnore().execute();
  }

  async unsubscribe(orgId: string): Promise<void> {
    await this.dataSource.getRepository(BriefingSubscriptionEntity).delete({ orgId });
  }

  async isSubscribed(orgId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(BriefingSubscriptionEntity).countBy({ orgId })) > 0;
  }

  async subscribedOrgIds(): Promise<string[]> {
    return (await this.dataSource.getRepository(BriefingSubscriptionEntity).find({ order: { orgId: 'ASC' } })).map((s) => s.orgId);
  }

  findSent(orgId: string, day: string): Promise<BriefingSentEntity | null> {
    return this.dataSource.getRepository(BriefingSentEntity).findOneBy({ orgId, day });
  }

  async recordSent(orgId: string, day: string, advisoryId: string): Promise<void> {
    await this.dataSource.getRepository(BriefingSentEntity).createQueryBuilder().insert().values({ orgId, day, advisoryId }).orIgnore().execute();
  }

  /** Advisories that are briefings themselves: a briefing never reports another one. */
  async briefingAdvisoryIds(advisoryIds: string[]): Promise<Set<string>> {
    if (advisoryIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(BriefingSentEntity)
      .createQueryBuilder('b')
      .select('b.advisory_id', 'id')
      .where('b.advisory_id = ANY(:advisoryIds)', { advisoryIds })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }
}
