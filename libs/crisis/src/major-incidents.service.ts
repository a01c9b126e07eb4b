import { Inject, Injectable, Optional } from '@nestjs/common';
import { AdvisoriesService, AdvisoryQueriesService } from '@isac/advisories';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { IncidentQueriesService } from '@isac/incidents';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, type FieldProblem } from '@isac/problems';
import { audienceAllowed, canRead, parseTlpLabel, restrictionRank, screenSources, type Decision } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { CRISIS_ERRORS } from './errors.js';
import { EXERCISE_GATE, type ExerciseGate } from './exercise-gate.js';
import { exerciseTitle } from './exercise-marks.js';
import { caseProblems } from './linked-cases.js';
import type { MajorIncidentEntity } from './major-incident.entity.js';
import { MajorIncidentRepository, type NewEntry } from './major-incident.repository.js';
import { RoomNotices } from './room-notices.service.js';
import type { SectorState } from './major-incident.types.js';
import { readableRooms } from './readable-rooms.js';
import { caseItem, roomItem, sitrepItem } from './room-items.js';
import type { RoomEntryEntity } from './room-entry.entity.js';
import { sitrepCadence } from './sitrep-cadence.js';
import { minutesToAcknowledge, statusBoard } from './status-board.js';

export interface DeclareRequest {
  title: string;
  tlp: string;
  sectors: string[];
  caseIds?: string[];
  sitrepEveryMinutes?: number;
  /** issue 19: the exercise it is part of (one the caller's centre runs); the room and its alert are marked as the exercise's */
  exercise?: string;
}

/** The concerned units acknowledge the alert within the hour, or the escalation of unacknowledged alerts reminds them (DESIGN §5). */
const ACK_WITHIN_MS = 60 * 60_000;
const ALERT_EXPIRES_MS = 14 * 24 * 60 * 60_000;
const TITLE_MAX = 300;
/** Rooms a list shows: a network has a handful a year, so this is all of them for years. */
const LIST_LIMIT = 200;

/** DESIGN §2 "No oracle": a room the caller may not read is answered as one that does not exist, word for word. */
export const notFound = (id: string) => new DomainError(CRISIS_ERRORS.notFound, `No major incident ${id}.`);
export const invalid = (problems: FieldProblem[]) =>
  new DomainError(CRISIS_ERRORS.invalid, `The request is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);
export const closed = (id: string) => new DomainError(CRISIS_ERRORS.closed, `Major incident ${id} was stood down; its room takes nothing more.`);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export interface Readable {
  room: MajorIncidentEntity;
  network: NetworkSnapshot;
  decision: Decision;
}

/** Issue 19: the centre declares a major incident; one room holds sitreps, the status board, tasks and decisions, and ends in a report. */
@Injectable()
export class MajorIncidentsService {
  constructor(
    private readonly rooms: MajorIncidentRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly advisories: AdvisoriesService,
    private readonly advisoryQueries: AdvisoryQueriesService,
    private readonly incidents: IncidentQueriesService,
    private readonly unitOfWork: UnitOfWork,
    private readonly notices: RoomNotices,
    @Optional() @Inject(EXERCISE_GATE) private readonly exercises?: ExerciseGate,
  ) {}

  async declare(principal: Principal, request: DeclareRequest) {
    this.requireCentre(principal, 'declares a major incident');
    const network = await this.directory.network();
    const problems: FieldProblem[] = [];
    const tlp = parseTlpLabel(request.tlp);
    if (tlp === undefined) problems.push({ pointer: '/tlp', detail: `"${request.tlp}" is not a TLP label`, code: 'TLP.INVALID' });
    const sectors = [...new Set(request.sectors)];
    const units = sectors.map((sector, i) => {
      const unit = (SECTORS as readonly string[]).includes(sector) ? network.all().find((o) => o.kind === 'sector-unit' && o.sector === sector) : undefined;
      if (!unit) problems.push({ pointer: `/sectors/${i}`, detail: `"${sector}" is not a sector of the network (${SECTORS.join(', ')})` });
      return unit;
    });
    // the cases it grows from: the centre escalates them into the room (a real room takes real cases only)
    const caseIds = [...new Set(request.caseIds ?? [])];
    const cases = caseIds.length ? await this.incidents.storedCases(caseIds) : [];
    problems.push(...caseProblems(caseIds, cases, { orgId: principal.organisation.id }, network, request.exercise ?? null));
    if (request.exercise !== undefined && !(await this.exercises?.acceptsDeclaration(principal.organisation.id, request.exercise))) {
      problems.push({ pointer: '/exercise', detail: `no running exercise ${request.exercise}` });
    }
    if (problems.length) throw invalid(problems);
    const unitSlugs = units.map((u) => u!.slug);
    const exercise = request.exercise !== undefined;
    const allowed = audienceAllowed(tlp!, { organisations: unitSlugs });
    if (!allowed.allowed) throw new DomainError(CRISIS_ERRORS.tlpViolation, allowed.reason, [{ pointer: '/tlp', detail: allowed.reason, code: allowed.code }]);
    // the room, its "declared" line and the alert to its units commit together: a room whose units were never told cannot exist
    const room = await this.unitOfWork.run(async () => {
      const declared = await this.rooms.declare({
        authorOrgId: principal.organisation.id,
        // an exercise's room says so in its title, as everything an exercise writes
        title: exerciseTitle(request.title, exercise).slice(0, TITLE_MAX),
        tlp: tlp!,
        sectors,
        recipientOrgIds: units.map((u) => u!.id),
        caseIds,
        sitrepEveryMinutes: request.sitrepEveryMinutes ?? null,
        exerciseId: request.exercise ?? null,
      });
      const roomId = declared.room.id;
      const now = Date.now();
      const alert = { requiresAck: true, ackDeadline: new Date(now + ACK_WITHIN_MS).toISOString(), expiresAt: new Date(now + ALERT_EXPIRES_MS).toISOString() };
      const body = `The centre declared a major incident concerning ${sectors.join(', ')}. Its coordination room: /api/v1/major-incidents/${roomId} (sitreps, status board, tasks, decisions). Acknowledge this alert, then set your sector's state in the room.`;
      const published = await this.advisories.publish(
        principal,
        {
          title: exerciseTitle(`Major incident: ${declared.room.title}`, exercise).slice(0, TITLE_MAX),
          body,
          severity: 'critical',
          tlp: tlp!,
          audience: { organisations: unitSlugs },
        },
        { alert, idempotencyKey: `major-incident:${roomId}`, exerciseId: request.exercise },
      );
      return this.rooms.opened(declared, published.advisory.id);
    });
    return this.get(principal, room.id);
  }

  /** The rooms the caller may read (the newest LIST_LIMIT, open ones first), each read audited. */
  async list(principal: Principal) {
    const readable = await readableRooms(await this.rooms.recent(LIST_LIMIT), principal, await this.directory.network(), this.audit);
    return {
      majorIncidents: readable.map((room) => ({
        id: room.id,
        title: room.title,
        tlp: room.tlp,
        state: room.closedAt ? 'stood-down' : 'open',
        sectors: room.sectors,
        declaredAt: room.declaredAt.toISOString(),
        closedAt: iso(room.closedAt),
        exercise: room.exerciseId !== null,
      })),
    };
  }

  /** The room as the caller may read it; sitreps under a stricter marking are left out for those it excludes. */
  async get(principal: Principal, id: string, now = new Date()) {
    const { room, network, decision } = await this.readable(principal, id);
    const reader = { orgId: principal.organisation.id };
    const entries = await this.rooms.entriesOf(room.id);
    const sitreps = screenSources(
      entries.filter((e) => e.kind === 'sitrep').map((e) => ({ ...sitrepItem(room, e), entry: e })),
      reader,
      network,
    ).readable.map((r) => r.source);
    const visible = new Set(sitreps.map((s) => s.entry.id));
    // the hub's missed-sitrep marks count every sitrep: shown beside a reader's own cadence, their
    // absence would tell a reader that a sitrep it may not read was sent
    const everySitrepVisible = visible.size === entries.filter((e) => e.kind === 'sitrep').length;
    const cases = await this.readableCases(room, reader, network);
    await this.audit.recordReads(
      principal,
      [{ item: roomItem(room).audit, decision }, ...sitreps.map((s) => ({ item: s.audit, decision: canRead(s, reader, network) })), ...cases],
      'rest',
    );
    const slug = (orgId: string | null) => (orgId === null ? null : (network.byId(orgId)?.slug ?? orgId));
    const line = (e: RoomEntryEntity) => ({ id: e.id, at: e.createdAt.toISOString(), by: slug(e.orgId) });
    // the cadence counts only the sitreps this reader may read: another answer would tell it that a stricter one exists
    const cadence = sitrepCadence(
      room.declaredAt,
      sitreps.map((s) => s.entry.createdAt),
      room.sitrepEveryMinutes,
      now,
      room.closedAt,
    );
    return {
      id: room.id,
      title: room.title,
      tlp: room.tlp,
      state: room.closedAt ? 'stood-down' : 'open',
      sectors: room.sectors,
      audience: [slug(room.authorOrgId), ...room.recipientOrgIds.map(slug)],
      declaredAt: room.declaredAt.toISOString(),
      closedAt: iso(room.closedAt),
      alertId: room.alertId,
      exercise: room.exerciseId !== null,
      linkedCases: cases.map((c) => ({ id: c.case.id, name: c.case.name, tlp: c.case.tlp })),
      timeline: entries
        .filter((e) => (e.kind === 'sitrep' ? visible.has(e.id) : e.kind !== 'sitrep-missed' || everySitrepVisible))
        .map((e) => ({ ...line(e), kind: e.kind, text: e.body, ...(e.sector ? { sector: e.sector, state: e.state } : {}) })),
      sitreps: sitreps.map(({ entry }) => ({ ...line(entry), tlp: entry.tlp ?? room.tlp, body: entry.body })),
      sitrepCadence: {
        everyMinutes: room.sitrepEveryMinutes,
        missed: cadence.missed.map((d) => d.toISOString()),
        overdue: cadence.overdue,
        nextDueAt: iso(cadence.nextDueAt),
      },
      statusBoard: statusBoard(room.sectors, this.statusChanges(entries)).map((b) => ({ ...b, updatedAt: iso(b.updatedAt) })),
      tasks: entries.filter((e) => e.kind === 'task').map((e) => ({ ...line(e), title: e.body, owner: slug(e.ownerOrgId), due: iso(e.due) })),
      decisions: entries.filter((e) => e.kind === 'decision').map((e) => ({ ...line(e), text: e.body })),
      // DESIGN §5: receipts are the author's
      acknowledgements: reader.orgId === room.authorOrgId ? await this.acknowledgements(room, network) : null,
    };
  }

  async sitrep(principal: Principal, id: string, request: { body: string; tlp: string }) {
    const { room } = await this.readable(principal, id);
    this.requireCentre(principal, 'sends sitreps');
    const tlp = parseTlpLabel(request.tlp);
    if (tlp === undefined) throw invalid([{ pointer: '/tlp', detail: `"${request.tlp}" is not a TLP label`, code: 'TLP.INVALID' }]);
    if (restrictionRank(tlp) < restrictionRank(room.tlp)) {
      const detail = `a sitrep of a ${room.tlp} room may not be marked ${tlp}: it would reach further than the room`;
      throw new DomainError(CRISIS_ERRORS.sitrepTlpWeaker, `The sitrep's marking is weaker than its room's: ${detail}.`, [
        { pointer: '/tlp', detail, code: CRISIS_ERRORS.sitrepTlpWeaker },
      ]);
    }
    return this.add(principal, room, { kind: 'sitrep', tlp, body: request.body });
  }

  async setStatus(principal: Principal, id: string, request: { state: SectorState; note?: string }) {
    const { room } = await this.readable(principal, id);
    const org = principal.organisation;
    if (org.kind !== 'sector-unit' || org.sector === null || !room.sectors.includes(org.sector) || !room.recipientOrgIds.includes(org.id)) {
      throw new DomainError(CRISIS_ERRORS.forbidden, `Only the unit of a concerned sector sets its sector's state; ${org.slug} is not one.`);
    }
    return this.add(principal, room, { kind: 'status', sector: org.sector, state: request.state, body: request.note ?? '' });
  }

  async addTask(principal: Principal, id: string, request: { title: string; owner: string; due?: string }) {
    const { room, network } = await this.readable(principal, id);
    this.requireParticipant(principal, room);
    const owner = network.bySlug(request.owner);
    // a task goes to an organisation that may read the room; any other answer is the same one, so naming a task owner tells nothing
    if (!owner || !canRead(roomItem(room), { orgId: owner.id }, network).allowed)
      throw invalid([{ pointer: '/owner', detail: `"${request.owner}" is not an organisation that may read this room` }]);
    return this.add(principal, room, { kind: 'task', body: request.title, ownerOrgId: owner.id, due: request.due ? new Date(request.due) : null });
  }

  async addDecision(principal: Principal, id: string, request: { text: string }) {
    const { room } = await this.readable(principal, id);
    this.requireParticipant(principal, room);
    return this.add(principal, room, { kind: 'decision', body: request.text });
  }

  /**
   * Issue 19, linked cases: the centre attaches cases of any sector to the open room after its
   * declaration too. Each must be a case the centre may read and of the room's kind (real or the
   * same exercise's); the room's readers then see each only as far as they may read it.
   */
  async attachCases(principal: Principal, id: string, request: { caseIds: string[] }) {
    const { room, network } = await this.readable(principal, id);
    this.requireCentre(principal, 'attaches cases to a major incident');
    const caseIds = [...new Set(request.caseIds)];
    const stored = await this.incidents.storedCases(caseIds);
    const problems = caseProblems(caseIds, stored, { orgId: principal.organisation.id }, network, room.exerciseId);
    if (problems.length) throw invalid(problems);
    if (!(await this.rooms.attachCases(room.id, caseIds))) throw closed(room.id);
    return this.get(principal, room.id);
  }

  /** Issue 19: the purge of an exercise removes the rooms it declared (in the caller's unit of work). */
  purgeExercise(exerciseId: string): Promise<number> {
    return this.rooms.purgeExercise(exerciseId);
  }

  /** Reads the room through the policy; missing and unreadable answer the same. */
  async readable(principal: Principal, id: string): Promise<Readable> {
    const network = await this.directory.network();
    const room = await this.rooms.find(id);
    if (!room) throw notFound(id);
    const decision = canRead(roomItem(room), { orgId: principal.organisation.id }, network);
    if (!decision.allowed) throw notFound(id);
    return { room, network, decision };
  }

  private async readableCases(room: MajorIncidentEntity, reader: { orgId: string }, network: NetworkSnapshot) {
    if (!room.caseIds.length) return [];
    const stored = await this.incidents.storedCases(room.caseIds);
    return stored.flatMap((c) => {
      const item = caseItem({ ...c, tlp: parseTlpLabel(c.tlp) });
      const decision = canRead(item, reader, network);
      return decision.allowed ? [{ case: c, item: item.audit, decision }] : [];
    });
  }

  private async add(principal: Principal, room: MajorIncidentEntity, entry: Partial<NewEntry> & Pick<NewEntry, 'kind' | 'body'>) {
    // the line and its inbox notices commit together: a line whose readers were never told cannot exist
    const saved = await this.unitOfWork.run(async () => {
      const line = await this.rooms.addEntry(room.id, {
        tlp: null,
        sector: null,
        state: null,
        ownerOrgId: null,
        due: null,
        ...entry,
        orgId: principal.organisation.id,
      });
      if (!line) throw closed(room.id);
      if (line.kind === 'sitrep') await this.notices.sitrep(room, line);
      else if (line.kind === 'task') await this.notices.task(room, line);
      else if (line.kind === 'decision') await this.notices.decision(room, line);
      return line;
    });
    return { id: saved.id, kind: saved.kind, at: saved.createdAt.toISOString() };
  }

  statusChanges(entries: RoomEntryEntity[]) {
    return entries.filter((e) => e.kind === 'status').map((e) => ({ sector: e.sector!, state: e.state!, note: e.body, at: e.createdAt }));
  }

  async acknowledgements(room: MajorIncidentEntity, network: NetworkSnapshot) {
    const receipts = room.alertId ? await this.advisoryQueries.receiptsOf(room.alertId) : [];
    return room.recipientOrgIds.map((unitId) => {
      const unit = network.byId(unitId);
      const receipt = receipts.find((r) => r.orgId === unitId);
      return {
        sector: unit?.sector ?? '',
        unit: unit?.slug ?? unitId,
        deliveredAt: iso(receipt?.deliveredAt ?? null),
        ackedAt: iso(receipt?.ackedAt ?? null),
        minutesToAcknowledge: minutesToAcknowledge(room.declaredAt, receipt?.ackedAt ?? null),
      };
    });
  }

  requireCentre(principal: Principal, what: string): void {
    if (principal.organisation.kind !== 'centre')
      throw new DomainError(CRISIS_ERRORS.notCentre, `Only the centre ${what}; ${principal.organisation.slug} may not.`);
  }

  /** Tasks and decisions come from the room's participants: the centre and the concerned units, not their members. */
  private requireParticipant(principal: Principal, room: MajorIncidentEntity): void {
    const me = principal.organisation.id;
    if (me !== room.authorOrgId && !room.recipientOrgIds.includes(me))
      throw new DomainError(
        CRISIS_ERRORS.forbidden,
        `Only the centre and the concerned sector units act in the room; ${principal.organisation.slug} may read it only.`,
      );
  }
}

export function timelineText(e: RoomEntryEntity, slug: (orgId: string) => string): string {
  switch (e.kind) {
    case 'declared':
      return `Major incident declared: ${e.body}`;
    case 'sitrep':
      return `Sitrep (${e.tlp})`;
    case 'sitrep-missed':
      return `Sitrep missed: it was due at ${e.body}`;
    case 'status':
      return `${e.sector} is ${e.state}${e.body ? ` — ${e.body}` : ''}`;
    case 'task':
      return `Task for ${e.ownerOrgId ? slug(e.ownerOrgId) : '—'}: ${e.body}`;
    case 'decision':
      return `Decision: ${e.body}`;
    case 'stand-down':
      return `Stood down: ${e.body}`;
  }
}
