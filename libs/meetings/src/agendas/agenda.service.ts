import { Injectable } from '@nestjs/common';
import { AdvisoriesService } from '@isac/advisories';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { canRead } from '@isac/tlp';
import type { Agenda } from './agenda.js';
import { reviveAgenda, shownAgenda, storeAgenda } from './agenda-json.js';
import { agendaSourceItem, agendaSources, composedAgendaMarking, composedAgendaTlp } from './agenda-tlp.js';
import { draftAgenda } from './draft-agenda.js';
import type { AgendaOperationDto } from '../dto/agenda.dto.js';
import { applyOperations } from './agenda-operations.js';
import { agendaHtml, agendaMarkdown, meetingIcs } from './export-agenda.js';
import type { MeetingEntity } from '../meeting.entity.js';
import { agendaRead, isCoordinator, requireCoordinator, requireVisible, toMeeting } from '../meeting-access.js';
import { MeetingRepository } from '../meeting.repository.js';
import type { ProposalFact } from './period-facts.js';
import { PeriodFactsSource } from './period-facts.source.js';
import { proposalFact } from '../proposals.js';
import { MEETING_ERRORS } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AgendaFormat = 'md' | 'html' | 'ics';

/** Drafting, editing, publishing and exporting a meeting's agenda (DESIGN §6). */
@Injectable()
export class AgendaService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly facts: PeriodFactsSource,
    private readonly directory: NetworkDirectory,
    private readonly advisories: AdvisoriesService,
    private readonly audit: AuditLogService,
  ) {}

  /** A new draft from the period's facts; replaces the current agenda, edits included. */
  async draft(principal: Principal, id: string, now = new Date()) {
    const meeting = this.requireDraft(requireCoordinator(await this.find(id), principal, id));
    const network = await this.directory.network();
    const gathered = await this.facts.gather(principal, meeting, network, now);
    const period = { from: gathered.since?.toISOString() ?? null, to: gathered.until.toISOString() };
    const drafted = draftAgenda({
      meeting: toMeeting(meeting, network),
      facts: gathered.facts,
      network,
      now,
      chairSlug: network.centre().slug,
      coordinatorOrgId: meeting.coordinatorOrgId,
    });
    const agenda = { ...drafted, period };
    await this.meetings.update(meeting.id, { agenda: storeAgenda(agenda) });
    return { agenda: shownAgenda(agenda), period: { ...period, since: period.from, previousMeetingId: gathered.previousMeetingId }, gaps: gathered.gaps };
  }

  /** Applies the operations in order; one refused operation refuses them all (nothing is stored). */
  async edit(principal: Principal, id: string, operations: AgendaOperationDto[]) {
    const meeting = this.requireDraft(requireCoordinator(await this.find(id), principal, id));
    const network = await this.directory.network();
    const model = toMeeting(meeting, network);
    const proposals = operations.some((o) => o.op === 'accept') ? await this.readableProposals(meeting, principal, network) : new Map();
    let agenda = applyOperations(this.requireAgenda(meeting), model, network, operations, proposals);
    // an item added or restored may name a source the participants' members may not read
    agenda = { ...agenda, tlp: composedAgendaTlp(model, agenda.items, network) };
    await this.meetings.update(meeting.id, { agenda: storeAgenda(agenda) });
    return { agenda: shownAgenda(agenda) };
  }

  /** The meeting's proposals the caller's organisation may read, by id, as the facts drafting uses. */
  async readableProposals(meeting: MeetingEntity, principal: Principal, network: NetworkSnapshot): Promise<Map<string, ProposalFact>> {
    const facts = (await this.meetings.proposalsOf(meeting.id)).map((p) => proposalFact(p, network));
    return new Map(facts.filter((f) => canRead(f, { orgId: principal.organisation.id }, network).allowed).map((f) => [f.id, f]));
  }

  /**
   * DESIGN §6: the agenda goes to the participants as an advisory under the agenda's TLP (at least
   * the meeting's, and no wider than its narrowest source: DESIGN §2, judged again here against the
   * network as it is now). Each participant receives every source it names, so those reads are
   * audited as reads of the sources. The advisory is written first with an idempotency key, so a
   * retry after a failure between the two steps publishes once.
   */
  async publish(principal: Principal, id: string, now = new Date()) {
    const meeting = this.requireDraft(requireCoordinator(await this.find(id), principal, id));
    const network = await this.directory.network();
    let agenda = this.requireAgenda(meeting);
    const model = toMeeting(meeting, network);
    if ([...agenda.screenedFor].sort().join() !== [...meeting.participantOrgIds].sort().join()) {
      throw new DomainError(
        MEETING_ERRORS.agendaParticipantsChanged,
        'The participants changed since the agenda was drafted; draft it again so the TLP policy judges every item for them.',
      );
    }
    const marking = composedAgendaMarking(
      model,
      agenda.items,
      network,
      network.all().map((o) => o.id),
    );
    if (!marking.ok) throw new DomainError(MEETING_ERRORS.agendaSourceNotReadable, `${marking.reason} Draft the agenda again.`);
    agenda = { ...agenda, tlp: marking.tlp, version: 1 };
    await this.meetings.update(meeting.id, { agenda: storeAgenda(agenda) });
    const { advisory } = await this.advisories.publish(
      { system: true, organisationId: meeting.coordinatorOrgId },
      {
        title: `Agenda: ${meeting.title}`,
        body: agendaMarkdown(agenda, model),
        severity: 'info',
        tlp: agenda.tlp,
        audience: { organisations: model.participants.map((p) => p.slug) },
      },
      { idempotencyKey: `meeting-agenda:${meeting.id}:${agenda.draftedAt.getTime()}` },
    );
    // version 1 as it went out, stored with the move to published: corrections add later versions
    // and leave this one readable as it was
    const published = await this.meetings.publishFirstVersion(
      {
        meetingId: meeting.id,
        version: 1,
        agenda: storeAgenda(agenda),
        tlp: agenda.tlp,
        advisoryId: advisory.id,
        publishedAt: now,
        publishedByOrgId: principal.organisation.id,
        publishedByKey: principal.keyPrefix,
        changes: [],
        note: null,
      },
      { state: 'published', agendaAdvisoryId: advisory.id, publishedAt: now, agendaVersion: 1 },
    );
    if (!published) throw new DomainError(MEETING_ERRORS.conflict, 'The meeting was published meanwhile.');
    await this.auditDelivery(meeting, agenda, network);
    return { meetingId: meeting.id, state: 'published', version: 1, advisoryId: advisory.id, tlp: agenda.tlp, publishedAt: now.toISOString() };
  }

  /** Markdown, printable HTML or iCalendar; a participant's read passes the TLP policy and is audited. */
  async export(principal: Principal, id: string, format: AgendaFormat): Promise<{ body: string; contentType: string; filename: string }> {
    const meeting = requireVisible(await this.find(id), principal, id);
    const network = await this.directory.network();
    const agenda = this.requireAgenda(meeting);
    if (!isCoordinator(meeting, principal)) await this.authoriseRead(principal, meeting, agenda, network);
    const model = toMeeting(meeting, network);
    switch (format) {
      case 'md':
        return { body: agendaMarkdown(agenda, model), contentType: 'text/markdown; charset=utf-8', filename: 'agenda.md' };
      case 'html':
        return { body: agendaHtml(agenda, model), contentType: 'text/html; charset=utf-8', filename: 'agenda.html' };
      case 'ics':
        return { body: meetingIcs(model, agenda), contentType: 'text/calendar; charset=utf-8', filename: 'meeting.ics' };
    }
  }

  private async authoriseRead(principal: Principal, meeting: MeetingEntity, agenda: Agenda, network: NetworkSnapshot): Promise<void> {
    if (meeting.state === 'draft') throw new DomainError(MEETING_ERRORS.agendaNotFound, 'The agenda is not published yet.');
    const { decision, reads } = agendaRead(meeting, agenda, principal, network);
    if (!decision.allowed)
      throw new DomainError(MEETING_ERRORS.agendaTlpViolation, decision.reason, [{ pointer: '', detail: decision.reason, code: decision.code }]);
    await this.audit.recordReads(principal, reads, 'agenda');
  }

  /** The published agenda hands every participant the sources it names: each is audited as that participant's read of the source. */
  async auditDelivery(meeting: MeetingEntity, agenda: Agenda, network: NetworkSnapshot): Promise<void> {
    const sources = agendaSources(agenda.items);
    for (const orgId of meeting.participantOrgIds) {
      const org = network.byId(orgId);
      if (!org) continue;
      const reader: Principal = {
        keyId: 'agenda',
        keyPrefix: 'agenda',
        roles: [],
        organisation: { id: org.id, slug: org.slug, kind: org.kind, sector: org.sector, parentId: org.parentId },
      };
      const reads = sources.map((source) => ({
        item: { kind: source.kind, id: source.id, tlp: source.tlp ?? 'unmarked', authorOrgId: source.authorOrgId },
        decision: canRead(agendaSourceItem(source), { orgId }, network),
      }));
      await this.audit.recordReads(reader, reads, 'agenda');
    }
  }

  private requireDraft(meeting: MeetingEntity): MeetingEntity {
    if (meeting.state !== 'draft') throw new DomainError(MEETING_ERRORS.conflict, `The meeting is ${meeting.state}; its agenda can no longer change.`);
    return meeting;
  }

  private requireAgenda(meeting: MeetingEntity): Agenda {
    if (!meeting.agenda) throw new DomainError(MEETING_ERRORS.agendaNotFound, 'The meeting has no agenda yet: POST .../agenda/draft first.');
    return reviveAgenda(meeting.agenda);
  }

  private find(id: string): Promise<MeetingEntity | null> {
    return UUID.test(id) ? this.meetings.findById(id) : Promise.resolve(null);
  }
}
