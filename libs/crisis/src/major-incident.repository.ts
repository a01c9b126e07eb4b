import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MajorIncidentEntity } from './major-incident.entity.js';
import { RoomEntryEntity } from './room-entry.entity.js';

export type NewRoom = Pick<MajorIncidentEntity, 'authorOrgId' | 'title' | 'tlp' | 'sectors' | 'recipientOrgIds' | 'caseIds' | 'sitrepEveryMinutes' | 'exerciseId'>;
export type NewEntry = Omit<RoomEntryEntity, 'id' | 'createdAt' | 'majorIncidentId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The only code that reads or writes `major_incidents` and `major_incident_entries`. */
@Injectable()
export class MajorIncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The room, its "declared" line and the alert to the concerned units in one transaction: a room
   * whose units were never told cannot exist. `publishAlert` writes the alert in `manager`.
   */
  declare(room: NewRoom, publishAlert: (roomId: string, manager: EntityManager) => Promise<string>): Promise<MajorIncidentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(MajorIncidentEntity, { ...room, alertId: null, closedAt: null }));
      await manager.save(manager.create(RoomEntryEntity, { majorIncidentId: saved.id, kind: 'declared', orgId: room.authorOrgId, tlp: null, body: room.title, sector: null, state: null, ownerOrgId: null, due: null }));
      saved.alertId = await publishAlert(saved.id, manager);
      await manager.update(MajorIncidentEntity, { id: saved.id }, { alertId: saved.alertId });
      return saved;
    });
  }

  async find(id: string): Promise<MajorIncidentEntity | null> {
    if (!UUID.test(id)) return null;
    return this.dataSource.getRepository(MajorIncidentEntity).findOneBy({ id });
  }

  /** The room's timeline, oldest first. */
  entriesOf(roomId: string): Promise<RoomEntryEntity[]> {
    return this.dataSource.getRepository(RoomEntryEntity).find({ where: { majorIncidentId: roomId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Adds a line while the room is open (the row lock orders it against a stand-down); null once it was stood down. */
  addEntry(roomId: string, entry: NewEntry): Promise<RoomEntryEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.lockOpen(manager, roomId))) return null;
      return manager.save(manager.create(RoomEntryEntity, { ...entry, majorIncidentId: roomId }));
    });
  }

  /** Closes the room with a "stand-down" line; null when it was closed already. */
  standDown(roomId: string, orgId: string, note: string): Promise<MajorIncidentEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const room = await this.lockOpen(manager, roomId);
      if (!room) return null;
      const entry = await manager.save(manager.create(RoomEntryEntity, { majorIncidentId: roomId, kind: 'stand-down', orgId, tlp: null, body: note, sector: null, state: null, ownerOrgId: null, due: null }));
      room.closedAt = entry.createdAt;
      await manager.update(MajorIncidentEntity, { id: roomId }, { closedAt: room.closedAt });
      return room;
    });
  }

  private async lockOpen(manager: EntityManager, roomId: string): Promise<MajorIncidentEntity | null> {
    const room = await manager.getRepository(MajorIncidentEntity).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :roomId', { roomId }).getOne();
    return room && room.closedAt === null ? room : null;
  }

  /** Issue 19: removes the rooms an exercise declared and their timelines, in the caller's transaction. */
  async purgeExercise(exerciseId: string, manager: EntityManager): Promise<number> {
    await manager.query(`DELETE FROM major_incident_entries WHERE major_incident_id IN (SELECT id FROM major_incidents WHERE exercise_id = $1)`, [exerciseId]);
    const [, deleted]: [unknown[], number] = await manager.query(`DELETE FROM major_incidents WHERE exercise_id = $1`, [exerciseId]);
    return deleted;
  }
}
