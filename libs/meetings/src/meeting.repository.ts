import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeetingAgendaVersionEntity } from './agendas/agenda-version.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingProposalEntity } from './proposal.entity.js';

/** Meetings, the proposals made for them and the published versions of their agendas. */
@Injectable()
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private meetings() {
    return this.dataSource.getRepository(MeetingEntity);
  }

  private proposals() {
    return this.dataSource.getRepository(MeetingProposalEntity);
  }

  private versions() {
    return this.dataSource.getRepository(MeetingAgendaVersionEntity);
  }

  insert(meeting: Partial<MeetingEntity>): Promise<MeetingEntity> {
    return this.meetings().save(this.meetings().create(meeting));
  }

  findById(id: string): Promise<MeetingEntity | null> {
    return this.meetings().findOneBy({ id });
  }

  async update(id: string, changes: Partial<MeetingEntity>): Promise<MeetingEntity> {
    await this.meetings().update({ id }, changes);
    return (await this.findById(id))!;
  }

  /** Moves the state only if it is still `from`: two concurrent publishes cannot both win. */
  async transition(id: string, from: MeetingEntity['state'], changes: Partial<MeetingEntity>): Promise<boolean> {
    const result = await this.meetings().update({ id, state: from }, changes);
    return (result.affected ?? 0) > 0;
  }

  /** Meetings an organisation coordinates or takes part in, soonest last. */
  listFor(orgId: string, filter: { series?: string; state?: string }): Promise<MeetingEntity[]> {
    const query = this.meetings()
      .createQueryBuilder('m')
      .where('(m.coordinator_org_id = :orgId OR :orgId = ANY(m.participant_org_ids))', { orgId })
      .orderBy('m.starts_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(500);
    if (filter.series) query.andWhere('m.series = :series', { series: filter.series });
    if (filter.state) query.andWhere('m.state = :state', { state: filter.state });
    return query.getMany();
  }

  /** The meeting of the same series that started last before this one: the period starts there. */
  previousInSeries(meeting: Pick<MeetingEntity, 'id' | 'series' | 'startsAt'>): Promise<MeetingEntity | null> {
    return this.meetings()
      .createQueryBuilder('m')
      .where('m.series = :series AND m.starts_at < :startsAt AND m.id <> :id', meeting)
      .orderBy('m.starts_at', 'DESC')
      .limit(1)
      .getOne();
  }

  /** The meeting of the series right after this one (by date), if any: its period starts at this one's start. */
  nextInSeries(meeting: Pick<MeetingEntity, 'id' | 'series' | 'startsAt'>): Promise<MeetingEntity | null> {
    return this.meetings()
      .createQueryBuilder('m')
      .where('m.series = :series AND m.starts_at > :startsAt AND m.id <> :id', meeting)
      .orderBy('m.starts_at', 'ASC')
      .limit(1)
      .getOne();
  }

  /** Which of these advisories are published meeting agendas (they are not news for the next agenda). */
  async agendaAdvisoryIds(advisoryIds: string[]): Promise<Set<string>> {
    if (advisoryIds.length === 0) return new Set();
    const rows = await this.meetings()
      .createQueryBuilder('m')
      .select('m.agenda_advisory_id', 'id')
      .where('m.agenda_advisory_id = ANY(:advisoryIds)', { advisoryIds })
      .getRawMany<{ id: string }>();
    // corrections went out as advisories too, and so did the versions they replaced
    const versions = await this.versions()
      .createQueryBuilder('v')
      .select('v.advisory_id', 'id')
      .where('v.advisory_id = ANY(:advisoryIds)', { advisoryIds })
      .getRawMany<{ id: string }>();
    return new Set([...rows, ...versions].map((r) => r.id));
  }

  /** Publishes a draft meeting with its version 1, in one transaction; false when it is no longer a draft. */
  async publishFirstVersion(version: Partial<MeetingAgendaVersionEntity>, changes: Partial<MeetingEntity>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const moved = await manager.getRepository(MeetingEntity).update({ id: version.meetingId, state: 'draft' }, changes);
      if ((moved.affected ?? 0) === 0) return false;
      await manager.getRepository(MeetingAgendaVersionEntity).insert(version);
      return true;
    });
  }

  /** Every published version of the meeting's agenda, oldest first. */
  versionsOf(meetingId: string): Promise<MeetingAgendaVersionEntity[]> {
    return this.versions().find({ where: { meetingId }, order: { version: 'ASC' } });
  }

  /**
   * Stores a published version and makes it current in one transaction, only if version `from` is
   * still current and the meeting still published: false (nothing stored) when it moved on meanwhile.
   * Two corrections published at once also meet at the unique (meeting, version) index.
   */
  async recordVersion(from: number, version: Partial<MeetingAgendaVersionEntity>, changes: Partial<MeetingEntity>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const moved = await manager.getRepository(MeetingEntity).update({ id: version.meetingId, state: 'published', agendaVersion: from }, changes);
      if ((moved.affected ?? 0) === 0) return false;
      await manager.getRepository(MeetingAgendaVersionEntity).insert(version);
      return true;
    });
  }

  /** The coordinator's next meeting still in draft (the soonest to start after `after`), if any. */
  nextDraftOf(coordinatorOrgId: string, after: Date): Promise<MeetingEntity | null> {
    return this.meetings()
      .createQueryBuilder('m')
      .where('m.coordinator_org_id = :coordinatorOrgId AND m.state = :state AND m.starts_at > :after', { coordinatorOrgId, state: 'draft', after })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getOne();
  }

  insertProposal(proposal: Partial<MeetingProposalEntity>): Promise<MeetingProposalEntity> {
    return this.proposals().save(this.proposals().create(proposal));
  }

  proposalsOf(meetingId: string): Promise<MeetingProposalEntity[]> {
    return this.proposals().find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
