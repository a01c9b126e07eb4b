import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { currentManager, inTransaction, transactional } from '@isac/unit-of-work';
import { ROOM_EVENTS_CHANNEL, roomNotificationPayload } from '@isac/events';
import { mostRestrictive, type TlpLabel } from '@isac/tlp';
import { MajorIncidentEntity } from './major-incident.entity.js';
import { RoomEntryEntity } from './room-entry.entity.js';
import { roomItem, sitrepItem } from './room-items.js';

export type NewRoom = Pick<
  MajorIncidentEntity,
  'authorOrgId' | 'title' | 'tlp' | 'sectors' | 'recipientOrgIds' | 'caseIds' | 'sitrepEveryMinutes' | 'exerciseId'
>;
export type NewEntry = Omit<RoomEntryEntity, 'id' | 'createdAt' | 'majorIncidentId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_FIELDS = { tlp: null, sector: null, state: null, ownerOrgId: null, due: null } as const;

/** The only code that reads or writes `major_incidents` and `major_incident_entries`. */
@Injectable()
export class MajorIncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  /**
   * A new room and its "declared" line, in the caller's unit of work (MajorIncidentsService.declare),
   * which publishes the alert to the concerned units and then `opened` it: a room whose units were
   * never told cannot exist.
   */
  async declare(room: NewRoom): Promise<{ room: MajorIncidentEntity; line: RoomEntryEntity }> {
    if (!inTransaction(this.dataSource)) throw new Error('a room is declared in a unit of work, with its alert');
    const saved = await this.db.save(this.db.create(MajorIncidentEntity, { ...room, alertId: null, closedAt: null }));
    const line = await this.db.save(
      this.db.create(RoomEntryEntity, { majorIncidentId: saved.id, kind: 'declared', orgId: room.authorOrgId, body: room.title, ...NO_FIELDS }),
    );
    return { room: saved, line };
  }

  /** The declared room's alert recorded, and its "declared" line announced as the unit of work commits. */
  async opened(declared: { room: MajorIncidentEntity; line: RoomEntryEntity }, alertId: string): Promise<MajorIncidentEntity> {
    declared.room.alertId = alertId;
    await this.db.update(MajorIncidentEntity, { id: declared.room.id }, { alertId });
    await this.announce(this.db, declared.room, declared.line);
    return declared.room;
  }

  async find(id: string): Promise<MajorIncidentEntity | null> {
    if (!UUID.test(id)) return null;
    return this.db.getRepository(MajorIncidentEntity).findOneBy({ id });
  }

  /** The newest rooms, open ones first; the caller screens them through the policy. */
  recent(limit: number): Promise<MajorIncidentEntity[]> {
    return this.db
      .getRepository(MajorIncidentEntity)
      .createQueryBuilder('m')
      .orderBy('m.closed_at IS NULL', 'DESC')
      .addOrderBy('m.declared_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** The rooms a case is attached to (issue 19: its own view names those the reader may read). */
  attachedTo(caseId: string): Promise<MajorIncidentEntity[]> {
    if (!UUID.test(caseId)) return Promise.resolve([]);
    return this.db
      .getRepository(MajorIncidentEntity)
      .createQueryBuilder('m')
      .where(':caseId = ANY(m.case_ids)', { caseId })
      .orderBy('m.declared_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /**
   * Attaches cases to the open room, under its lock (ordered against a stand-down and another
   * attachment): those already attached are kept once. Null once the room was stood down.
   */
  attachCases(roomId: string, caseIds: readonly string[]): Promise<{ room: MajorIncidentEntity; added: string[] } | null> {
    return transactional(this.dataSource, async (manager) => {
      const room = await this.lockOpen(manager, roomId);
      if (!room) return null;
      const added = caseIds.filter((id, i) => !room.caseIds.includes(id) && caseIds.indexOf(id) === i);
      if (added.length) {
        room.caseIds = [...room.caseIds, ...added];
        await manager.update(MajorIncidentEntity, { id: roomId }, { caseIds: room.caseIds });
      }
      return { room, added };
    });
  }

  /** Open rooms with a sitrep cadence: what the reminder sweep looks at. */
  openWithCadence(): Promise<MajorIncidentEntity[]> {
    return this.db
      .getRepository(MajorIncidentEntity)
      .createQueryBuilder('m')
      .where('m.closed_at IS NULL AND m.sitrep_every_minutes IS NOT NULL')
      .orderBy('m.declared_at', 'ASC')
      .getMany();
  }

  /** The room's timeline, oldest first. */
  entriesOf(roomId: string, manager: EntityManager = this.db): Promise<RoomEntryEntity[]> {
    return manager.getRepository(RoomEntryEntity).find({ where: { majorIncidentId: roomId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Adds a line while the room is open (the row lock orders it against a stand-down); null once it was stood down. */
  addEntry(roomId: string, entry: NewEntry): Promise<RoomEntryEntity | null> {
    return transactional(this.dataSource, async (manager) => {
      const room = await this.lockOpen(manager, roomId);
      if (!room) return null;
      const saved = await manager.save(manager.create(RoomEntryEntity, { ...entry, majorIncidentId: roomId }));
      await this.announce(manager, room, saved);
      return saved;
    });
  }

  /**
   * Under the open room's lock: `decide` reads its timeline and names the lines to add (the sweep's
   * missed-sitrep marks), which are written and announced in the same transaction; null when the room
   * was stood down. Two sweeps never mark one due moment twice: the second waits for the lock and
   * then sees the first one's marks.
   */
  addEntriesLocked(roomId: string, decide: (room: MajorIncidentEntity, entries: RoomEntryEntity[]) => NewEntry[]): Promise<RoomEntryEntity[] | null> {
    return transactional(this.dataSource, async (manager) => {
      const room = await this.lockOpen(manager, roomId);
      if (!room) return null;
      const added: RoomEntryEntity[] = [];
      const entries = await this.entriesOf(roomId, manager);
      // a mark is announced as its room's strictest sitrep is: only to those who may read every sitrep (see MajorIncidentsService.get)
      const strictest = mostRestrictive([room.tlp, ...entries.filter((e) => e.kind === 'sitrep' && e.tlp).map((e) => e.tlp!)]) ?? room.tlp;
      for (const entry of decide(room, entries)) {
        const saved = await manager.save(manager.create(RoomEntryEntity, { ...entry, majorIncidentId: roomId }));
        await this.announce(manager, room, saved, strictest);
        added.push(saved);
      }
      return added;
    });
  }

  /** Closes the room with a "stand-down" line; null when it was closed already. */
  standDown(roomId: string, orgId: string, note: string): Promise<MajorIncidentEntity | null> {
    return transactional(this.dataSource, async (manager) => {
      const room = await this.lockOpen(manager, roomId);
      if (!room) return null;
      const entry = await manager.save(manager.create(RoomEntryEntity, { majorIncidentId: roomId, kind: 'stand-down', orgId, body: note, ...NO_FIELDS }));
      room.closedAt = entry.createdAt;
      await manager.update(MajorIncidentEntity, { id: roomId, closedAt: IsNull() }, { closedAt: room.closedAt });
      await this.announce(manager, room, entry);
      return room;
    });
  }

  /**
   * Tells the console streams of the line, as the transaction commits (PostgreSQL delivers a NOTIFY
   * at commit, and never for a rolled-back one). The payload carries the line's marking facts: a
   * sitrep its own, any other line the room's.
   */
  private async announce(manager: EntityManager, room: MajorIncidentEntity, entry: RoomEntryEntity, sitrepMarking?: TlpLabel): Promise<void> {
    const item = entry.kind === 'sitrep' ? sitrepItem(room, entry) : sitrepMarking ? sitrepItem(room, { ...entry, tlp: sitrepMarking }) : roomItem(room);
    const payload = roomNotificationPayload({
      majorIncidentId: room.id,
      entryId: entry.id,
      kind: entry.kind,
      item: { tlp: item.tlp!, authorOrgId: item.authorOrgId, recipientOrgIds: [...item.recipientOrgIds] },
    });
    await manager.query('SELECT pg_notify($1, $2)', [ROOM_EVENTS_CHANNEL, payload]);
  }

  private async lockOpen(manager: EntityManager, roomId: string): Promise<MajorIncidentEntity | null> {
    const room = await manager
      .getRepository(MajorIncidentEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :roomId', { roomId })
      .getOne();
    return room && room.closedAt === null ? room : null;
  }

  /** Issue 19: removes the rooms an exercise declared and their timelines, in the caller's unit of work. */
  async purgeExercise(exerciseId: string): Promise<number> {
    await this.db.query(`DELETE FROM major_incident_entries WHERE major_incident_id IN (SELECT id FROM major_incidents WHERE exercise_id = $1)`, [exerciseId]);
    const [, deleted]: [unknown[], number] = await this.db.query(`DELETE FROM major_incidents WHERE exercise_id = $1`, [exerciseId]);
    return deleted;
  }
}
