// The sector status board of a room (issue 19): each concerned sector's latest state as its unit set it.
import type { SectorState } from './major-incident.types.js';

export interface StatusChange {
  sector: string;
  state: SectorState;
  note: string;
  at: Date;
}

export interface BoardRow {
  sector: string;
  state: SectorState | 'not-reported';
  note: string | null;
  updatedAt: Date | null;
  /** how many times the sector's unit set its state */
  changes: number;
}

/** One row per concerned sector, in the order the room names them; changes of other sectors are ignored. */
export function statusBoard(sectors: readonly string[], changes: readonly StatusChange[]): BoardRow[] {
  return sectors.map((sector) => {
    const own = changes.filter((c) => c.sector === sector).sort((a, b) => a.at.getTime() - b.at.getTime());
    const last = own[own.length - 1];
    return { sector, state: last?.state ?? 'not-reported', note: last?.note ?? null, updatedAt: last?.at ?? null, changes: own.length };
  });
}

/** Minutes from the declaration to a unit's acknowledgement of the alert, rounded down; null when it has not acknowledged. */
export function minutesToAcknowledge(declaredAt: Date, ackedAt: Date | null): number | null {
  return ackedAt === null ? null : Math.max(0, Math.floor((ackedAt.getTime() - declaredAt.getTime()) / 60_000));
}
