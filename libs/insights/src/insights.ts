// The console's plots as numbers (pure): incidents per sector and week, NIS2 deadline adherence,
// alert acknowledgement per sector. The inputs are what the reader was already allowed to read.

export interface CaseFacts {
  /** sector of the reporting organisation ('centre' for the centre) */
  sector: string;
  awareAt: Date;
  deadlines: { clock: string; submittedAt: string | null; late: boolean; overdue: boolean }[];
}

/** Alert receipts of one sector's recipients: delivered and acknowledged entries. */
export interface SectorReceipts {
  sector: string;
  delivered: number;
  acknowledged: number;
}

export interface IncidentsPerWeek {
  /** Monday 00:00 UTC of each week, oldest first */
  weeks: string[];
  sectors: { sector: string; counts: number[] }[];
}

export interface Adherence {
  clock: string;
  met: number;
  late: number;
  overdue: number;
  open: number;
}

export interface AckRate {
  sector: string;
  delivered: number;
  acknowledged: number;
  /** acknowledged / delivered, 0..1; null when nothing was delivered */
  rate: number | null;
}

const WEEK_MS = 7 * 86_400_000;

/** Monday 00:00 UTC of the week holding `at` (ISO 8601 weeks start on Monday). */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

/** The first moment counted by a window of `weeks` weeks ending with the current one. */
export function windowStart(weeks: number, now: Date): Date {
  return new Date(weekStart(now).getTime() - (weeks - 1) * WEEK_MS);
}

export function incidentsPerSectorWeek(cases: CaseFacts[], weeks: number, now: Date): IncidentsPerWeek {
  const first = windowStart(weeks, now).getTime();
  const labels = Array.from({ length: weeks }, (_, i) => new Date(first + i * WEEK_MS).toISOString());
  const bySector = new Map<string, number[]>();
  for (const c of cases) {
    const index = Math.floor((weekStart(c.awareAt).getTime() - first) / WEEK_MS);
    if (index < 0 || index >= weeks) continue;
    const counts = bySector.get(c.sector) ?? new Array<number>(weeks).fill(0);
    counts[index] += 1;
    bySector.set(c.sector, counts);
  }
  return { weeks: labels, sectors: [...bySector.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sector, counts]) => ({ sector, counts })) };
}

/** Per reporting clock: met in time, submitted late, overdue (not submitted, past due), still open. */
export function deadlineAdherence(cases: CaseFacts[]): Adherence[] {
  const byClock = new Map<string, Adherence>();
  for (const c of cases) {
    for (const d of c.deadlines) {
      const row = byClock.get(d.clock) ?? { clock: d.clock, met: 0, late: 0, overdue: 0, open: 0 };
      if (d.submittedAt) row[d.late ? 'late' : 'met'] += 1;
      else row[d.overdue ? 'overdue' : 'open'] += 1;
      byClock.set(d.clock, row);
    }
  }
  return [...byClock.values()];
}

/** The acknowledgement rate per sector, receipts of the same sector added up, sectors in order. */
export function ackRatePerSector(receipts: SectorReceipts[]): AckRate[] {
  const bySector = new Map<string, { delivered: number; acknowledged: number }>();
  for (const r of receipts) {
    const row = bySector.get(r.sector) ?? { delivered: 0, acknowledged: 0 };
    row.delivered += r.delivered;
    row.acknowledged += r.acknowledged;
    bySector.set(r.sector, row);
  }
  return [...bySector.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sector, r]) => ({ sector, ...r, rate: r.delivered ? r.acknowledged / r.delivered : null }));
}
