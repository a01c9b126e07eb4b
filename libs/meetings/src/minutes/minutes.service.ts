import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { reviveAgenda } from '../agendas/agenda-json.js';
import type { RecordActionDto, RecordDecisionDto } from '../dto/minutes.dto.js';
import type { MeetingEntity } from '../meeting.entity.js';
import { agendaRead, isCoordinator, requireCoordinator, requireVisible } from '../meeting-access.js';
import { MeetingRepository } from '../meeting.repository.js';
import { setActionStatus, type ActionStatus } from './minutes.js';
import { actionFact, actionView, decisionView } from './minutes-model.js';
import { MinutesRepository } from './minutes.repository.js';
import { MEETING_ERRORS } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Minutes (DESIGN §6): decisions and action items recorded against the published agenda's items. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly minutes: MinutesRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * The minutes are written against the published agenda's items, under its marking: DESIGN §2, a
   * participant reads them only if it may read the agenda and every source it names, each read audited.
   */
  async get(principal: Principal, id: string, now = new Date()) {
    const meeting = requireVisible(await this.find(id), principal, id);
    const network = await this.directory.network();
    if (meeting.agenda && meeting.state !== 'draft' && !isCoordinator(meeting, principal)) {
      const { decision, reads } = agendaRead(meeting, reviveAgenda(meeting.agenda), principal, network);
      if (!decision.allowed)
        throw new DomainError(MEETING_ERRORS.minutesTlpViolation, decision.reason, [{ pointer: '', detail: decision.reason, code: decision.code }]);
      await this.audit.recordReads(principal, reads, 'agenda');
    }
    const [decisions, actions] = await Promise.all([this.minutes.decisionsOf(meeting.id), this.minutes.actionsOf(meeting.id)]);
    const actionViews = actions.map((a) => actionView(a, network, now));
    return { meetingId: meeting.id, decisions: decisions.map(decisionView), actions: actionViews, overdue: actionViews.filter((a) => a.overdue).length };
  }

  async recordDecision(principal: Principal, id: string, dto: RecordDecisionDto) {
    const meeting = this.requireMinutable(requireCoordinator(await this.find(id), principal, id));
    this.requireAgendaItem(meeting, dto.agendaItemId);
    return decisionView(await this.minutes.insertDecision({ meetingId: meeting.id, agendaItemId: dto.agendaItemId, text: dto.text }));
  }

  async recordAction(principal: Principal, id: string, dto: RecordActionDto, now = new Date()) {
    const meeting = this.requireMinutable(requireCoordinator(await this.find(id), principal, id));
    if (dto.agendaItemId !== undefined) this.requireAgendaItem(meeting, dto.agendaItemId);
    const network = await this.directory.network();
    const owner = network.bySlug(dto.owner);
    if (!owner || !meeting.participantOrgIds.includes(owner.id)) {
      throw new DomainError(MEETING_ERRORS.minutesInvalid, `The owner "${dto.owner}" is not a participant of the meeting.`, [
        { pointer: '/owner', detail: 'must be a participating organisation' },
      ]);
    }
    const dayStart = Date.parse(`${dto.due}T00:00:00.000Z`);
    // Date.parse rolls 2027-02-30 over to March 2nd: only a date that reads back the same is one
    if (Number.isNaN(dayStart) || new Date(dayStart).toISOString().slice(0, 10) !== dto.due)
      throw new DomainError(MEETING_ERRORS.minutesInvalid, `"${dto.due}" is not a date.`, [{ pointer: '/due', detail: 'not a calendar date' }]);
    const agenda = reviveAgenda(meeting.agenda!);
    const action = await this.minutes.insertAction({
      meetingId: meeting.id,
      series: meeting.series,
      agendaItemId: dto.agendaItemId ?? null,
      title: dto.title,
      ownerOrgId: owner.id,
      // due on a day means done by its end (UTC): overdue from the next day on
      due: new Date(dayStart + DAY_MS - 1),
      status: 'open',
      // the minutes' marking: the agenda's TLP, readable by the meeting's participants
      tlp: agenda.tlp,
      authorOrgId: meeting.coordinatorOrgId,
      recipientOrgIds: meeting.participantOrgIds,
    });
    return actionView(action, network, now);
  }

  /** Closes, reopens or cancels an action; the pure core refuses to revive a cancelled one. */
  async updateAction(principal: Principal, id: string, actionId: string, status: ActionStatus, now = new Date()) {
    const meeting = requireCoordinator(await this.find(id), principal, id);
    const stored = UUID.test(actionId) ? await this.minutes.findAction(meeting.id, actionId) : null;
    if (!stored) throw new DomainError(MEETING_ERRORS.actionNotFound, `Meeting ${id} has no action ${actionId}.`);
    const network = await this.directory.network();
    const result = setActionStatus(actionFact(stored, network), status);
    if (!result.ok) throw new DomainError(result.code, result.reason, [{ pointer: '/status', detail: result.reason, code: result.code }]);
    return actionView(await this.minutes.setStatus(stored.id, status), network, now);
  }

  private requireMinutable(meeting: MeetingEntity): MeetingEntity {
    if (meeting.state === 'draft' || !meeting.agenda) {
      throw new DomainError(MEETING_ERRORS.conflict, 'Minutes are recorded against a published agenda; publish the meeting first.');
    }
    return meeting;
  }

  private requireAgendaItem(meeting: MeetingEntity, agendaItemId: string): void {
    if (!meeting.agenda!.items.some((i) => i.id === agendaItemId)) {
      throw new DomainError(MEETING_ERRORS.minutesInvalid, `The agenda has no item ${agendaItemId}.`, [
        { pointer: '/agendaItemId', detail: 'not an item of the published agenda' },
      ]);
    }
  }

  private find(id: string): Promise<MeetingEntity | null> {
    return UUID.test(id) ? this.meetings.findById(id) : Promise.resolve(null);
  }
}
