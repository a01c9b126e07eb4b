import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AdvisoriesService } from '@isac/advisories';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, isUniqueViolation } from '@isac/problems';
import type { Agenda } from './agenda.js';
import { participantsAgenda, reviveAgenda, shownAgenda, storeAgenda } from './agenda-json.js';
import { composedAgendaTlp } from './agenda-tlp.js';
import { applyOperations } from './agenda-operations.js';
import { AgendaService } from './agenda.service.js';
import { checkCorrection } from './agenda-versions.js';
import type { MeetingAgendaVersionEntity } from './agenda-version.entity.js';
import type { AgendaOperationDto } from '../dto/agenda.dto.js';
import { agendaMarkdown } from './export-agenda.js';
import type { MeetingEntity } from '../meeting.entity.js';
import { agendaRead, isCoordinator, requireCoordinator, requireVisible, toMeeting } from '../meeting-access.js';
import { MeetingRepository } from '../meeting.repository.js';
import { MEETING_ERRORS } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A published agenda corrected as a new version (issue 17): the coordinator opens a correction (a copy
 * of the current version), edits it like a draft and publishes it as version N+1 — to the same
 * participants, as an advisory like the first publication, under the marking the composed-document
 * rule gives its items. Every version stays readable by whoever may read that version.
 */
@Injectable()
export class AgendaVersionsService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly agendas: AgendaService,
    private readonly directory: NetworkDirectory,
    private readonly advisories: AdvisoriesService,
    private readonly audit: AuditLogService,
  ) {}

  /** Opens a correction on a copy of the current version; an open one is returned as it stands. */
  async startCorrection(principal: Principal, id: string, now = new Date()) {
    const meeting = this.requirePublished(requireCoordinator(await this.find(id), principal, id));
    if (meeting.agendaCorrection) return this.correctionView(meeting, reviveAgenda(meeting.agendaCorrection));
    const copy: Agenda = { ...reviveAgenda(meeting.agenda!), draftedAt: now };
    const updated = await this.meetings.update(meeting.id, { agendaCorrection: storeAgenda(copy) });
    return this.correctionView(updated, copy);
  }

  async editCorrection(principal: Principal, id: string, operations: AgendaOperationDto[]) {
    const meeting = this.requirePublished(requireCoordinator(await this.find(id), principal, id));
    const network = await this.directory.network();
    const model = toMeeting(meeting, network);
    const proposals = operations.some((o) => o.op === 'accept') ? await this.agendas.readableProposals(meeting, principal, network) : new Map();
    let agenda = applyOperations(this.requireCorrection(meeting), model, network, operations, proposals);
    agenda = { ...agenda, tlp: composedAgendaTlp(model, agenda.items, network) };
    const updated = await this.meetings.update(meeting.id, { agendaCorrection: storeAgenda(agenda) });
    return this.correctionView(updated, agenda);
  }

  async discardCorrection(principal: Principal, id: string) {
    const meeting = this.requirePublished(requireCoordinator(await this.find(id), principal, id));
    this.requireCorrection(meeting);
    await this.meetings.update(meeting.id, { agendaCorrection: null });
    return { meetingId: meeting.id, discarded: true, agendaVersion: meeting.agendaVersion ?? 1 };
  }

  /**
   * Publishes the open correction as the next version: the advisory first (an idempotency key over
   * its content makes a retry publish once), then the version and the meeting's move to it in one
   * transaction that only succeeds if the version corrected is still current.
   */
  async publishCorrection(principal: Principal, id: string, note: string | undefined, now = new Date()) {
    const meeting = this.requirePublished(requireCoordinator(await this.find(id), principal, id));
    const network = await this.directory.network();
    const model = toMeeting(meeting, network);
    const previous = reviveAgenda(meeting.agenda!);
    const checked = checkCorrection(
      model,
      previous,
      this.requireCorrection(meeting),
      network,
      network.all().map((o) => o.id),
    );
    if (!checked.ok) throw new DomainError(checked.code, checked.reason);
    const current = meeting.agendaVersion ?? 1;
    const version = current + 1;
    const { changes } = checked;
    const agenda: Agenda = { ...checked.agenda, version };
    const body = [
      `**${agenda.tlp}**`,
      '',
      `Version ${version} of the agenda corrects version ${current}.`,
      '',
      ...(note?.trim() ? [`> ${note.trim().replace(/\s+/g, ' ')}`, ''] : []),
      'What changed:',
      '',
      ...changes.map((c) => `- ${c.replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`)}`),
      '',
      agendaMarkdown(agenda, model),
    ].join('\n');
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const { advisory } = await this.advisories.publish(
      { system: true, organisationId: meeting.coordinatorOrgId },
      {
        title: `Agenda, version ${version} (corrected): ${meeting.title}`,
        body,
        severity: 'info',
        tlp: agenda.tlp,
        audience: { organisations: model.participants.map((p) => p.slug) },
      },
      { idempotencyKey: `meeting-agenda:${meeting.id}:v${version}:${digest}` },
    );
    const stored = storeAgenda(agenda);
    let recorded: boolean;
    try {
      recorded = await this.meetings.recordVersion(
        current,
        {
          meetingId: meeting.id,
          version,
          agenda: stored,
          tlp: agenda.tlp,
          advisoryId: advisory.id,
          publishedAt: now,
          publishedByOrgId: principal.organisation.id,
          publishedByKey: principal.keyPrefix,
          changes,
          note: note?.trim() || null,
        },
        { agenda: stored, agendaVersion: version, agendaCorrection: null, agendaAdvisoryId: advisory.id },
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      recorded = false;
    }
    if (!recorded)
      throw new DomainError(
        MEETING_ERRORS.conflict,
        `The meeting changed meanwhile (held, or version ${version} published by someone else); open the correction again.`,
      );
    await this.agendas.auditDelivery(meeting, agenda, network);
    return { meetingId: meeting.id, version, advisoryId: advisory.id, tlp: agenda.tlp, publishedAt: now.toISOString(), changes, note: note?.trim() || null };
  }

  /**
   * Every version the caller may read, oldest first, the current one marked. Each version is judged
   * on its own (its marking, its sources): one the caller may not read is left out, as if missing.
   */
  async versions(principal: Principal, id: string) {
    const meeting = requireVisible(await this.find(id), principal, id);
    const network = await this.directory.network();
    const coordinator = isCoordinator(meeting, principal);
    const rows = meeting.state === 'draft' ? [] : await this.meetings.versionsOf(meeting.id);
    const versions = [];
    for (const row of rows) {
      const agenda = reviveAgenda(row.agenda);
      if (!coordinator) {
        const { decision, reads } = agendaRead(meeting, agenda, principal, network);
        if (!decision.allowed) continue;
        await this.audit.recordReads(principal, reads, 'agenda');
      }
      versions.push(this.versionView(row, meeting, agenda, network, coordinator));
    }
    return { meetingId: meeting.id, current: meeting.agendaVersion, versions };
  }

  private versionView(row: MeetingAgendaVersionEntity, meeting: MeetingEntity, agenda: Agenda, network: NetworkSnapshot, coordinator: boolean) {
    return {
      version: row.version,
      current: row.version === meeting.agendaVersion,
      tlp: row.tlp,
      publishedAt: row.publishedAt.toISOString(),
      publishedBy: network.byId(row.publishedByOrgId)?.slug ?? row.publishedByOrgId,
      // which key published it is the coordinating organisation's own business
      ...(coordinator ? { publishedByKey: row.publishedByKey } : {}),
      advisoryId: row.advisoryId,
      changes: row.changes,
      note: row.note,
      agenda: coordinator ? shownAgenda(agenda) : participantsAgenda(agenda),
    };
  }

  private correctionView(meeting: MeetingEntity, agenda: Agenda) {
    return { meetingId: meeting.id, basedOnVersion: meeting.agendaVersion ?? 1, agenda: shownAgenda(agenda) };
  }

  private requirePublished(meeting: MeetingEntity): MeetingEntity {
    if (meeting.state !== 'published' || !meeting.agenda) {
      throw new DomainError(MEETING_ERRORS.conflict, `The meeting is ${meeting.state}; only a published agenda is corrected (a draft is edited as it is).`);
    }
    return meeting;
  }

  private requireCorrection(meeting: MeetingEntity): Agenda {
    if (!meeting.agendaCorrection) throw new DomainError(MEETING_ERRORS.correctionNotFound, 'No correction is open: POST .../agenda/correction first.');
    return reviveAgenda(meeting.agendaCorrection);
  }

  private find(id: string): Promise<MeetingEntity | null> {
    return UUID.test(id) ? this.meetings.findById(id) : Promise.resolve(null);
  }
}
