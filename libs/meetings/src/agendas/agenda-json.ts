// The agenda as stored (jsonb) and read back: JSON has no dates, so the instants the pure core
// works with are revived here, in one place, instead of wherever an agenda is loaded.
import type { Agenda, AgendaItem, ScheduleSlot } from './agenda.js';

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

/**
 * An agenda as the API shows it, to its coordinator as well: each source without its recipients. They
 * are kept for the policy to judge every reader of the agenda against the source, and never shown: an
 * advisory's recipients are its author's to know, and a targeted warning's say whose register matched
 * (issue 18).
 */
export function shownAgenda(agenda: Agenda) {
  const shown = (item: AgendaItem) => ({ ...item, sources: item.sources.map(({ recipientOrgIds: _recipients, ...source }) => source) });
  return { ...agenda, items: agenda.items.map(shown), deferred: agenda.deferred.map(shown) };
}

/** What participants see of an agenda: as shown, and the coordinator's notes on what was left out stay with the coordinator. */
export function participantsAgenda(agenda: Agenda) {
  const { excluded: _excluded, excludedUnlisted: _unlisted, deferred: _deferred, ...rest } = shownAgenda(agenda);
  return rest;
}
