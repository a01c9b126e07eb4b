import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, type FieldProblem } from '@isac/problems';
import { canRead, parseTlpLabel, type TlpLabel } from '@isac/tlp';
import { participantsAgenda, reviveAgenda, shownAgenda, storeAgenda } from './agendas/agenda-json.js';
import type { CreateMeetingDto, CreateProposalDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { refreshAgenda } from './agendas/edit-agenda.js';
import type { MeetingEntity } from './meeting.entity.js';
import { agendaRead, isCoordinator, meetingView, requireCoordinator, requireVisible, toMeeting } from './meeting-access.js';
import { composedAgendaTlp } from './agendas/agenda-tlp.js';
import { MeetingRepository } from './meeting.repository.js';
import type { MeetingProposalEntity } from './proposal.entity.js';
import { proposalPlace, proposerGate } from './proposals.js';
import { MEETING_ERRORS } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError(MEETING_ERRORS.invalid, `The meeting is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);
}

/** The marking asked for, else the fallback: null, like an absent field, asks for none. */
function tlpOf(value: string | null | undefined, fallback: TlpLabel, pointer: string, problems: FieldProblem[]): TlpLabel {
  if (value === undefined || value === null) return fallback;
  const tlp = parseTlpLabel(value);
  if (!tlp) problems.push({ pointer, detail: `"${value}" is not a TLP 2.0 label (TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED)` });
  return tlp ?? fallback;
}

function participantIds(slugs: string[], network: NetworkSnapshot, problems: FieldProblem[]): string[] {
  const ids: string[] = [];
  slugs.forEach((slug, i) => {
    const org = network.bySlug(slug);
    if (!org) problems.push({ pointer: `/participants/${i}`, detail: `no organisation "${slug}" in the network` });
    else if (ids.includes(org.id)) problems.push({ pointer: `/participants/${i}`, detail: `"${slug}" is named twice` });
    else ids.push(org.id);
  });
  return ids;
}

function checkTimes(startsAt: Date, endsAt: Date, problems: FieldProblem[]): void {
  if (endsAt.getTime() <= startsAt.getTime()) problems.push({ pointer: '/endsAt', detail: 'must be after startsAt' });
  else if (endsAt.getTime() - startsAt.getTime() > 24 * 60 * 60 * 1000) problems.push({ pointer: '/endsAt', detail: 'a meeting lasts at most 24 hours' });
}

/** Meetings: scheduling, changing, reading, and proposals by sector units (DESIGN §6). */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  async create(principal: Principal, dto: CreateMeetingDto) {
    const network = await this.directory.network();
    const problems: FieldProblem[] = [];
    const participantOrgIds = participantIds(dto.participants, network, problems);
    const tlp = tlpOf(dto.tlp, 'TLP:AMBER', '/tlp', problems);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    checkTimes(startsAt, endsAt, problems);
    if (problems.length) throw invalid(problems);
    const meeting = await this.meetings.insert({
      title: dto.title,
      startsAt,
      endsAt,
      location: dto.location ?? null,
      onlineUrl: dto.onlineUrl ?? null,
      participantOrgIds,
      tlp,
      series: dto.series,
      state: 'draft',
      coordinatorOrgId: principal.organisation.id,
      organizerEmail: dto.organizerEmail ?? null,
      breaks: dto.breaks ? { everyMinutes: dto.breaks.everyMinutes, breakMinutes: dto.breaks.breakMinutes } : null,
      agenda: null,
    });
    return meetingView(meeting, network);
  }

  async list(principal: Principal, query: { series?: string; state?: string }) {
    const [rows, network] = await Promise.all([this.meetings.listFor(principal.organisation.id, query), this.directory.network()]);
    return { meetings: rows.map((m) => meetingView(m, network)) };
  }

  /** The meeting, with its agenda when the policy lets the caller read it; the exclusions only for the coordinator. */
  async get(principal: Principal, id: string) {
    const meeting = requireVisible(await this.find(id), principal, id);
    const network = await this.directory.network();
    const view = meetingView(meeting, network);
    if (!meeting.agenda) return { ...view, agenda: null };
    const agenda = reviveAgenda(meeting.agenda);
    // the coordinator also sees a correction it is editing (participants see it once published as a version)
    if (isCoordinator(meeting, principal)) {
      return { ...view, agenda: shownAgenda(agenda), correction: meeting.agendaCorrection ? shownAgenda(reviveAgenda(meeting.agendaCorrection)) : null };
    }
    // participants see the agenda once it is published, and only as the policy allows
    if (meeting.state === 'draft') return { ...view, agenda: null };
    // DESIGN §2: only for a reader that may read every source the agenda names; each is audited as read
    const { decision, reads } = agendaRead(meeting, agenda, principal, network);
    if (!decision.allowed) return { ...view, agenda: null };
    await this.audit.recordReads(principal, reads, 'agenda');
    return { ...view, agenda: participantsAgenda(agenda) };
  }

  async update(principal: Principal, id: string, dto: UpdateMeetingDto) {
    const meeting = requireCoordinator(await this.find(id), principal, id);
    const network = await this.directory.network();
    if (dto.state === 'held') return this.markHeld(meeting, dto, network);
    if (meeting.state !== 'draft') {
      throw new DomainError(
        MEETING_ERRORS.conflict,
        `The meeting is ${meeting.state}; only a draft meeting can be changed (mark a published one held with {"state": "held"}).`,
      );
    }
    const problems: FieldProblem[] = [];
    const changes: Partial<MeetingEntity> = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.location !== undefined) changes.location = dto.location;
    if (dto.onlineUrl !== undefined) changes.onlineUrl = dto.onlineUrl;
    if (dto.series !== undefined) changes.series = dto.series;
    if (dto.organizerEmail !== undefined) changes.organizerEmail = dto.organizerEmail;
    if (dto.breaks !== undefined) changes.breaks = { everyMinutes: dto.breaks.everyMinutes, breakMinutes: dto.breaks.breakMinutes };
    if (dto.tlp !== undefined) changes.tlp = tlpOf(dto.tlp, meeting.tlp, '/tlp', problems);
    if (dto.participants !== undefined) changes.participantOrgIds = participantIds(dto.participants, network, problems);
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : meeting.startsAt;
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : meeting.endsAt;
    if (dto.startsAt || dto.endsAt) {
      checkTimes(startsAt, endsAt, problems);
      Object.assign(changes, { startsAt, endsAt });
    }
    if (problems.length) throw invalid(problems);
    const updated = await this.meetings.update(meeting.id, changes);
    // A drafted agenda follows the new time, breaks and marking. For other participants it is left
    // as it was: edits and publishing refuse it (AGENDA.PARTICIPANTS_CHANGED) until drafted again.
    if (updated.agenda) {
      const model = toMeeting(updated, network);
      const refreshed = refreshAgenda(reviveAgenda(updated.agenda), model);
      if (refreshed.ok) {
        const agenda = { ...refreshed.agenda, tlp: composedAgendaTlp(model, refreshed.agenda.items, network) };
        return meetingView(await this.meetings.update(meeting.id, { agenda: storeAgenda(agenda) }), network);
      }
    }
    return meetingView(updated, network);
  }

  private async markHeld(meeting: MeetingEntity, dto: UpdateMeetingDto, network: NetworkSnapshot) {
    if (Object.keys(dto).some((k) => k !== 'state' && (dto as Record<string, unknown>)[k] !== undefined)) {
      throw new DomainError(MEETING_ERRORS.invalid, 'Mark a meeting held on its own, without other changes.', [
        { pointer: '/state', detail: 'send {"state": "held"} alone' },
      ]);
    }
    if (!(await this.meetings.transition(meeting.id, 'published', { state: 'held' }))) {
      throw new DomainError(MEETING_ERRORS.conflict, `Only a published meeting can be marked held; this one is ${meeting.state}.`);
    }
    return meetingView((await this.meetings.findById(meeting.id))!, network);
  }

  /**
   * DESIGN §6: items proposed by the meeting's participants, marked like any other source. An
   * organisation that does not take part and does not coordinate may not see the meeting: 404.
   */
  async propose(principal: Principal, id: string, dto: CreateProposalDto) {
    const meeting = await this.find(id);
    const org = principal.organisation;
    const gate = meeting ? proposerGate(meeting, org.id) : 'outsider';
    if (!meeting || gate === 'outsider') throw new DomainError(MEETING_ERRORS.notFound, `No meeting ${id}.`);
    if (gate === 'coordinator-only') {
      throw new DomainError(
        MEETING_ERRORS.forbidden,
        `${org.slug} coordinates this meeting without taking part: it adds items to the agenda itself (PATCH .../agenda).`,
      );
    }
    if (meeting.state !== 'draft') throw new DomainError(MEETING_ERRORS.conflict, `The meeting is ${meeting.state}; proposals are taken while it is a draft.`);
    const problems: FieldProblem[] = [];
    const tlp = tlpOf(dto.tlp, meeting.tlp, '/tlp', problems);
    if (problems.length)
      throw new DomainError(MEETING_ERRORS.proposalInvalid, `The proposal is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);
    const proposal = await this.meetings.insertProposal({
      meetingId: meeting.id,
      authorOrgId: org.id,
      title: dto.title,
      minutes: dto.minutes ?? null,
      tlp,
      recipientOrgIds: meeting.participantOrgIds,
    });
    const network = await this.directory.network();
    return this.proposalView(proposal, meeting, network, isCoordinator(meeting, principal));
  }

  /**
   * The meeting's proposals the caller's organisation may read (DESIGN §2), oldest first. Where each
   * stands on the agenda is shown to the coordinator (it sees the draft) and, once published, to all.
   */
  async proposals(principal: Principal, id: string) {
    const meeting = requireVisible(await this.find(id), principal, id);
    const network = await this.directory.network();
    const orgId = principal.organisation.id;
    const showPlace = isCoordinator(meeting, principal) || meeting.state !== 'draft';
    const rows = (await this.meetings.proposalsOf(meeting.id)).filter((p) => canRead(p, { orgId }, network).allowed);
    return { meetingId: meeting.id, open: meeting.state === 'draft', proposals: rows.map((p) => this.proposalView(p, meeting, network, showPlace)) };
  }

  private proposalView(p: MeetingProposalEntity, meeting: MeetingEntity, network: NetworkSnapshot, showPlace: boolean) {
    return {
      id: p.id,
      meetingId: meeting.id,
      author: network.byId(p.authorOrgId)?.slug ?? p.authorOrgId,
      title: p.title,
      minutes: p.minutes,
      tlp: p.tlp,
      createdAt: p.createdAt.toISOString(),
      place: showPlace ? proposalPlace(p.id, meeting.agenda) : null,
    };
  }

  private find(id: string): Promise<MeetingEntity | null> {
    return UUID.test(id) ? this.meetings.findById(id) : Promise.resolve(null);
  }
}
