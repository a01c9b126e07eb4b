import { Injectable, Logger } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { IncidentQueriesService } from '@isac/incidents';
import { HubProposals } from '@isac/meetings';
import { UnitOfWork } from '@isac/unit-of-work';
import type { NetworkSnapshot } from '@isac/organisations';
import { canRead, canReadComposed, composedMarking, parseTlpLabel, type TlpLabel } from '@isac/tlp';
import type { MajorIncidentEntity } from './major-incident.entity.js';
import { MajorIncidentRepository } from './major-incident.repository.js';
import { closed, MajorIncidentsService, notFound, timelineText } from './major-incidents.service.js';
import { postIncidentReportHtml } from './post-incident-report-html.js';
import { postIncidentReport, type ReportInput } from './post-incident-report.js';
import { RoomNotices } from './room-notices.service.js';
import type { RoomEntryEntity } from './room-entry.entity.js';
import { caseItem, roomItem, sitrepItem, type AuditedSource } from './room-items.js';
import { sitrepCadence } from './sitrep-cadence.js';
import { statusBoard } from './status-board.js';

export type ReportFormat = 'md' | 'html';

/** The time the next network meeting gives a major incident's review. */
const MEETING_ITEM_MINUTES = 20;

/** What the report is composed of, and the marking that keeps it within every source. */
interface Composition {
  entries: RoomEntryEntity[];
  sources: AuditedSource[];
  cases: { id: string; name: string }[];
  marking: { ok: true; tlp: TlpLabel } | { ok: false };
}

/** Issue 19: the stand-down, the post-incident report it leads to, and the next meeting's item about it. */
@Injectable()
export class PostIncidentService {
  private readonly logger = new Logger('PostIncident');

  constructor(
    private readonly rooms: MajorIncidentsService,
    private readonly repository: MajorIncidentRepository,
    private readonly incidents: IncidentQueriesService,
    private readonly audit: AuditLogService,
    private readonly proposals: HubProposals,
    private readonly notices: RoomNotices,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Closes the room, then drafts the next network meeting's item about it: a proposal of the centre
   * under the report's own marking, shared with the room's audience only, so the agenda keeps it only
   * when every participant may read it (DESIGN §6) and lists it as left out otherwise.
   */
  async standDown(principal: Principal, id: string, request: { note?: string }) {
    const { room, network } = await this.rooms.readable(principal, id);
    this.rooms.requireCentre(principal, 'stands down a major incident');
    const note = request.note ?? 'Stood down';
    // the stand-down and its notice to the room's readers commit together
    const closedRoom = await this.unitOfWork.run(async () => {
      const stoodDown = await this.repository.standDown(room.id, principal.organisation.id, note);
      if (!stoodDown) throw closed(room.id);
      await this.notices.standDown(stoodDown, note);
      return stoodDown;
    });
    // an exercise's room never reaches a real meeting's agenda (its after-action report is the exercise's)
    const meetingItem = closedRoom.exerciseId
      ? null
      : await this.draftMeetingItem(closedRoom, network).catch((error) => {
          // the room is closed whatever happens to the agenda: the coordinator can still add the item by hand
          this.logger.warn({ msg: "the next meeting's item about a major incident was not drafted", majorIncident: room.id, err: String(error) });
          return null;
        });
    return { id: room.id, state: 'stood-down', closedAt: closedRoom.closedAt!.toISOString(), meetingItem };
  }

  /**
   * The post-incident report, a composed document (DESIGN §2): its marking is the least restrictive
   * that keeps it within every source it names (the room, its sitreps, linked cases every participant
   * may read), and only a reader of every source may read it.
   */
  async report(principal: Principal, id: string, format: ReportFormat = 'md', now = new Date()): Promise<{ filename: string; body: string; tlp: string }> {
    const { room, network } = await this.rooms.readable(principal, id);
    const composition = await this.compose(room, network);
    if (!composition.marking.ok) throw notFound(id);
    const doc = { authorOrgId: room.authorOrgId, recipientOrgIds: room.recipientOrgIds, tlp: composition.marking.tlp };
    const { decision, reads } = canReadComposed(doc, composition.sources, { orgId: principal.organisation.id }, network);
    if (!decision.allowed) throw notFound(id);
    await this.audit.recordReads(
      principal,
      reads.map((r) => ({ item: r.source.audit, decision: r.decision })),
      'rest',
    );
    const input = await this.reportInput(room, composition, composition.marking.tlp, network, now);
    const body = format === 'html' ? postIncidentReportHtml(input) : postIncidentReport(input);
    return { filename: `major-incident-${room.id}.${format}`, body, tlp: composition.marking.tlp };
  }

  private async compose(room: MajorIncidentEntity, network: NetworkSnapshot): Promise<Composition> {
    const entries = await this.repository.entriesOf(room.id);
    const participants = [room.authorOrgId, ...room.recipientOrgIds];
    const stored = room.caseIds.length ? await this.incidents.storedCases(room.caseIds) : [];
    const cases = stored
      .map((c) => ({ c, item: caseItem({ ...c, tlp: parseTlpLabel(c.tlp) }) }))
      .filter(({ item }) => participants.every((orgId) => canRead(item, { orgId }, network).allowed));
    const sources: AuditedSource[] = [
      roomItem(room),
      ...entries.filter((e) => e.kind === 'sitrep').map((e) => sitrepItem(room, e)),
      ...cases.map((c) => c.item),
    ];
    const marking = composedMarking({ authorOrgId: room.authorOrgId, recipientOrgIds: room.recipientOrgIds }, sources, network, { floor: room.tlp });
    return {
      entries,
      sources,
      cases: cases.map(({ c }) => ({ id: c.id, name: c.name })),
      marking: marking.ok ? { ok: true, tlp: marking.tlp } : { ok: false },
    };
  }

  private async reportInput(
    room: MajorIncidentEntity,
    { entries, cases }: Composition,
    tlp: TlpLabel,
    network: NetworkSnapshot,
    now: Date,
  ): Promise<ReportInput> {
    const slug = (orgId: string) => network.byId(orgId)?.slug ?? orgId;
    const line = (e: RoomEntryEntity) => ({ at: e.createdAt, by: slug(e.orgId), text: e.body });
    const sitreps = entries.filter((e) => e.kind === 'sitrep');
    const acknowledgements = await this.rooms.acknowledgements(room, network);
    return {
      title: room.title,
      tlp,
      declaredAt: room.declaredAt,
      closedAt: room.closedAt,
      sectors: room.sectors,
      timeline: entries.map((e) => ({ ...line(e), text: timelineText(e, slug) })),
      sitreps: sitreps.map((e) => ({ ...line(e), tlp: e.tlp ?? room.tlp })),
      missedSitreps: sitrepCadence(
        room.declaredAt,
        sitreps.map((e) => e.createdAt),
        room.sitrepEveryMinutes,
        now,
        room.closedAt,
      ).missed,
      statusChanges: entries
        .filter((e) => e.kind === 'status')
        .map((e) => ({ ...line(e), sector: e.sector!, text: e.body ? `${e.state} — ${e.body}` : e.state! })),
      board: statusBoard(room.sectors, this.rooms.statusChanges(entries)),
      decisions: entries.filter((e) => e.kind === 'decision').map(line),
      tasks: entries.filter((e) => e.kind === 'task').map((e) => ({ ...line(e), owner: e.ownerOrgId ? slug(e.ownerOrgId) : '—', due: e.due })),
      acknowledgements: acknowledgements.map((a) => ({
        sector: a.sector,
        unit: a.unit,
        ackedAt: a.ackedAt ? new Date(a.ackedAt) : null,
        minutes: a.minutesToAcknowledge,
      })),
      linkedCases: cases,
      exercise: room.exerciseId !== null,
    };
  }

  /** The proposal on the centre's next draft meeting, marked as the report is; null when no meeting is scheduled. */
  private async draftMeetingItem(room: MajorIncidentEntity, network: NetworkSnapshot): Promise<{ meetingId: string; proposalId: string } | null> {
    const { marking } = await this.compose(room, network);
    if (!marking.ok) return null;
    return this.proposals.proposeForNextMeeting(room.authorOrgId, {
      authorOrgId: room.authorOrgId,
      title: `Major incident review: ${room.title}`.slice(0, 300),
      minutes: MEETING_ITEM_MINUTES,
      tlp: marking.tlp,
      recipientOrgIds: [room.authorOrgId, ...room.recipientOrgIds],
    });
  }
}
