// The agenda as stored (jsonb) and read back: JSON has no dates, so the instants the pure core
// works with are revived here, in one place, instead of wherever an agenda is loaded.
import type { Agenda, ScheduleSlot } from './agenda.js';

/** What JSON.stringify makes of an Agenda. */
export type StoredAgenda = Omit<Agenda, 'draftedAt' | 'schedule'> & {
  draftedAt: string;
  schedule: (Omit<ScheduleSlot, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[];
};

export function storeAgenda(agenda: Agenda): StoredAgenda {
  return JSON.parse(JSON.stringify(agenda)) as StoredAgenda;
}

export function reviveAgenda(stored: StoredAgenda): Agenda {
  return {
    ...stored,
    // agendas drafted before exclusions were counted
    excludedUnlisted: stored.excludedUnlisted ?? 0,
    draftedAt: new Date(stored.draftedAt),
    schedule: stored.schedule.map((slot) => ({ ...slot, startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt) }) as ScheduleSlot),
  };
}
