import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes.entity.js';

/** The minutes: decisions and action items. */
@Injectable()
export class MinutesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private decisions() {
    return this.dataSource.getRepository(MeetingDecisionEntity);
  }

  private actions() {
    return this.dataSource.getRepository(MeetingActionItemEntity);
  }

  insertDecision(decision: Partial<MeetingDecisionEntity>): Promise<MeetingDecisionEntity> {
    return this.decisions().save(this.decisions().create(decision));
  }

  decisionsOf(meetingId: string): Promise<MeetingDecisionEntity[]> {
    return this.decisions().find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  insertAction(action: Partial<MeetingActionItemEntity>): Promise<MeetingActionItemEntity> {
    return this.actions().save(this.actions().create(action));
  }

  actionsOf(meetingId: string): Promise<MeetingActionItemEntity[]> {
    return this.actions().find({ where: { meetingId }, order: { due: 'ASC', id: 'ASC' } });
  }

  findAction(meetingId: string, id: string): Promise<MeetingActionItemEntity | null> {
    return this.actions().findOneBy({ meetingId, id });
  }

  async setStatus(id: string, status: MeetingActionItemEntity['status']): Promise<MeetingActionItemEntity> {
    await this.actions().update({ id }, { status });
    return (await this.actions().findOneBy({ id }))!;
  }

  /** Open actions recorded at other meetings of the series: they carry into this meeting's draft. */
  openInSeries(series: string, exceptMeetingId: string, before: Date): Promise<MeetingActionItemEntity[]> {
    // only the series' meetings before this one (by date): a later meeting's actions are not this one's past
    return this.actions()
      .createQueryBuilder('a')
      .where("a.series = :series AND a.status = 'open' AND a.meeting_id <> :exceptMeetingId", { series, exceptMeetingId })
      .andWhere('a.meeting_id IN (SELECT m.id FROM meetings m WHERE m.series = :series AND m.starts_at < :before)', { series, before })
      .orderBy('a.due', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }
}
