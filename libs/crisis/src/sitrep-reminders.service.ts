import { Injectable, Logger } from '@nestjs/common';
import { AdvisoriesService } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { exerciseTitle } from './exercise-marks.js';
import type { MajorIncidentEntity } from './major-incident.entity.js';
import { MajorIncidentRepository } from './major-incident.repository.js';
import { sitrepSweep, type SitrepReminder } from './sitrep-reminders.js';

export interface SitrepSweepResult {
  rooms: number;
  /** missed sitreps marked on timelines by this sweep */
  marked: number;
  /** reminders this sweep published (a reminder already sent is not sent again) */
  reminded: number;
}

const when = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * The scheduled sweep of the rooms' sitrep cadences (issue 19): each due moment that passed without
 * a sitrep is marked once on the room's timeline (under the room's lock, so two workers never mark it
 * twice; the mark reaches the room's readers live), and the centre gets a reminder in its own inbox
 * when a sitrep is coming due or was missed. The reminder's idempotency key names the room and the
 * due moment: whatever runs twice, it goes out once.
 */
@Injectable()
export class SitrepRemindersService {
  private readonly logger = new Logger('SitrepReminders');

  constructor(
    private readonly rooms: MajorIncidentRepository,
    private readonly advisories: AdvisoriesService,
    private readonly directory: NetworkDirectory,
  ) {}

  async sweep(now = new Date()): Promise<SitrepSweepResult> {
    const result: SitrepSweepResult = { rooms: 0, marked: 0, reminded: 0 };
    for (const room of await this.rooms.openWithCadence()) {
      result.rooms++;
      try {
        let reminder: SitrepReminder | null = null;
        const marks = await this.rooms.addEntriesLocked(room.id, (locked, entries) => {
          const marked = new Set(entries.filter((e) => e.kind === 'sitrep-missed').map((e) => e.body));
          const decision = sitrepSweep(
            locked,
            entries.filter((e) => e.kind === 'sitrep').map((e) => e.createdAt),
            marked,
            now,
          );
          reminder = decision.reminder;
          return decision.marks.map((due) => ({
            kind: 'sitrep-missed' as const,
            orgId: locked.authorOrgId,
            body: due.toISOString(),
            tlp: null,
            sector: null,
            state: null,
            ownerOrgId: null,
            due,
          }));
        });
        // stood down since it was listed
        if (marks === null) continue;
        result.marked += marks.length;
        if (reminder && (await this.remind(room, reminder))) result.reminded++;
      } catch (error) {
        // one room that fails must not hold back the others; the next sweep tries it again
        this.logger.warn({ msg: 'sitrep cadence of a room not swept; tried again on the next sweep', majorIncident: room.id, err: String(error) });
      }
    }
    return result;
  }

  /** The centre, from itself, under the room's marking: its own inbox entry and its live event. */
  private async remind(room: MajorIncidentEntity, reminder: SitrepReminder): Promise<boolean> {
    const centre = (await this.directory.network()).byId(room.authorOrgId);
    if (!centre) return false;
    const missed = reminder.kind === 'missed';
    const { created } = await this.advisories.publish(
      { system: true, organisationId: centre.id },
      {
        title: exerciseTitle(`${missed ? 'Sitrep missed' : 'Sitrep due'}: ${room.title}`, room.exerciseId !== null).slice(0, 300),
        body: `${missed ? 'A sitrep was due' : 'The next sitrep is due'} at ${when(reminder.due)} (every ${room.sitrepEveryMinutes} minutes) for the major incident ${room.id}.${missed ? ' The room marks it as missed.' : ''} Post it in the room: /api/v1/major-incidents/${room.id}/sitreps`,
        severity: missed ? 'high' : 'medium',
        tlp: room.tlp,
        audience: { organisations: [centre.slug] },
      },
      // an exercise's room reminds as the exercise's: marked, kept out of real work, purged with it
      {
        idempotencyKey: `major-incident-sitrep:${room.id}:${reminder.kind}:${reminder.due.toISOString()}`,
        deliverToAuthor: true,
        ...(room.exerciseId ? { exerciseId: room.exerciseId } : {}),
      },
    );
    return created;
  }
}
