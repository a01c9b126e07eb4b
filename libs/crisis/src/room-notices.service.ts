import { Injectable } from '@nestjs/common';
import { AdvisoriesService, type Severity } from '@isac/advisories';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { canRead, type TlpLabel } from '@isac/tlp';
import { exerciseTitle } from './exercise-marks.js';
import type { MajorIncidentEntity } from './major-incident.entity.js';
import type { RoomEntryEntity } from './room-entry.entity.js';
import { roomItem, sitrepItem, type AuditedSource } from './room-items.js';

/** One notice of a room's line, as it is published. */
interface RoomNotice {
  key: string;
  title: string;
  body: string;
  severity: Severity;
  tlp: TlpLabel;
  /** the organisations it goes to; the centre among them gets its entry as the notice's author */
  to: string[];
}

const when = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const TITLE_MAX = 300;

/**
 * Issue 19: a room's items go through the inbox too. Each sitrep, task, decision and the stand-down
 * reaches the inboxes of those it concerns as an advisory from the centre (the room's author), as the
 * centre's feedback on a case does: written in the caller's unit of work with the room's line, its
 * idempotency key naming the line, routed by the worker through the TLP policy like any advisory.
 * The audience is never wider than the item's readers: the room's concerned units and their members,
 * each kept only where the policy lets it read the item (a RED sitrep of an AMBER room reaches the
 * units, not their members); the organisation that wrote the line is not told of it.
 */
@Injectable()
export class RoomNotices {
  constructor(
    private readonly advisories: AdvisoriesService,
    private readonly directory: NetworkDirectory,
  ) {}

  async sitrep(room: MajorIncidentEntity, entry: RoomEntryEntity): Promise<void> {
    const network = await this.directory.network();
    const item = sitrepItem(room, entry);
    await this.send(room, network, {
      key: `major-incident-sitrep-notice:${entry.id}`,
      title: `Sitrep: ${room.title}`,
      body: `${entry.body}\n\n(sitrep of the major incident ${room.id}, ${when(entry.createdAt)}: /api/v1/major-incidents/${room.id})`,
      severity: 'high',
      tlp: item.tlp!,
      to: this.readersBut(room, item, network, entry.orgId),
    });
  }

  /** A task reaches its owner (which may read the room: MajorIncidentsService.addTask checked it). */
  async task(room: MajorIncidentEntity, entry: RoomEntryEntity): Promise<void> {
    const network = await this.directory.network();
    if (!entry.ownerOrgId || !canRead(roomItem(room), { orgId: entry.ownerOrgId }, network).allowed) return;
    const by = network.byId(entry.orgId)?.slug ?? entry.orgId;
    const due = entry.due ? `, due ${when(entry.due)}` : '';
    await this.send(room, network, {
      key: `major-incident-task-notice:${entry.id}`,
      title: `Task for you: ${entry.body}`,
      body: `${by} set your organisation a task in the major incident "${room.title}"${due}:\n\n${entry.body}\n\n(/api/v1/major-incidents/${room.id})`,
      severity: 'high',
      tlp: room.tlp,
      to: [entry.ownerOrgId],
    });
  }

  async decision(room: MajorIncidentEntity, entry: RoomEntryEntity): Promise<void> {
    const network = await this.directory.network();
    const by = network.byId(entry.orgId)?.slug ?? entry.orgId;
    await this.send(room, network, {
      key: `major-incident-decision-notice:${entry.id}`,
      title: `Decision: ${room.title}`,
      body: `${by} logged a decision in the major incident "${room.title}":\n\n${entry.body}\n\n(/api/v1/major-incidents/${room.id})`,
      severity: 'medium',
      tlp: room.tlp,
      to: this.readersBut(room, roomItem(room), network, entry.orgId),
    });
  }

  async standDown(room: MajorIncidentEntity, note: string): Promise<void> {
    const network = await this.directory.network();
    await this.send(room, network, {
      key: `major-incident-stand-down-notice:${room.id}`,
      title: `Stood down: ${room.title}`,
      body: `The centre stood down the major incident "${room.title}": ${note}\n\nThe post-incident report: /api/v1/major-incidents/${room.id}/report.md`,
      severity: 'medium',
      tlp: room.tlp,
      to: this.readersBut(room, roomItem(room), network, room.authorOrgId),
    });
  }

  /**
   * The centre and the room's concerned units with their members, each one the policy lets read the
   * item, but the organisation that wrote it. Never anyone beyond the room's audience, even when the
   * marking would allow more (a GREEN room tells its participants, not the whole network).
   */
  private readersBut(room: MajorIncidentEntity, item: AuditedSource, network: NetworkSnapshot, writerOrgId: string): string[] {
    const units = new Set(room.recipientOrgIds);
    return network
      .all()
      .filter((o) => o.id === room.authorOrgId || units.has(o.id) || (o.parentId !== null && units.has(o.parentId)))
      .filter((o) => o.id !== writerOrgId && canRead(item, { orgId: o.id }, network).allowed)
      .map((o) => o.id);
  }

  private async send(room: MajorIncidentEntity, network: NetworkSnapshot, notice: RoomNotice): Promise<void> {
    const toCentre = notice.to.includes(room.authorOrgId);
    const slugs = notice.to.map((id) => network.byId(id)?.slug).filter((slug): slug is string => slug !== undefined);
    if (slugs.length === 0) return;
    const exercise = room.exerciseId !== null;
    await this.advisories.publish(
      { system: true, organisationId: room.authorOrgId },
      {
        title: exerciseTitle(notice.title, exercise).slice(0, TITLE_MAX),
        body: notice.body,
        severity: notice.severity,
        tlp: notice.tlp,
        audience: { organisations: slugs },
      },
      {
        idempotencyKey: notice.key,
        // the router leaves the author out of an audience: the centre's own entry is written with the notice
        ...(toCentre ? { deliverToAuthor: true } : {}),
        // an exercise's room tells as the exercise's: marked, kept out of real work, purged with it
        ...(exercise ? { exerciseId: room.exerciseId! } : {}),
      },
    );
  }
}
