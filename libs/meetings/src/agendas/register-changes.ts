// The standing item "Critical digital infrastructure overview: <sector>" (issue 18) lists what
// changed in that sector's registers since the last meeting. Pure: each change was screened by the
// TLP policy for every reader of the agenda (draft-agenda.ts) before it gets here.
import type { AgendaItem, SourceFact } from './agenda.js';
import { toAgendaSource } from './agenda-tlp.js';
import type { RegisterChangeFact, StandingItemFact } from './period-facts.js';

const MAX_MINUTES = 15;

export function registerChangeSource(f: RegisterChangeFact): SourceFact {
  return {
    kind: 'register-change',
    id: f.id,
    title: `${f.change}: ${f.name}`,
    tlp: f.tlp,
    authorOrgId: f.authorOrgId,
    authorSlug: f.authorSlug,
    recipientOrgIds: f.recipientOrgIds,
  };
}

/** What the change is as the meeting sees it: the entry's state after the last change of the period. */
function describe(changes: readonly RegisterChangeFact[]): string {
  const last = changes[changes.length - 1];
  const added = changes.some((c) => c.change === 'added');
  const what = added && last.change === 'removed' ? 'added and removed' : added ? 'added' : last.change === 'removed' ? 'removed' : 'changed';
  const fields = what === 'changed' ? [...new Set(changes.flatMap((c) => c.fields))] : [];
  return `${what}: ${last.name} (${last.kind}, ${last.criticality}${fields.length ? `; ${fields.join(', ')} changed` : ''}) — ${last.authorSlug}`;
}

/**
 * The overview item of a sector with its readable register changes: one note per entry (added,
 * changed, removed, with name, kind and criticality), every change a source of the item, and a
 * little more time when much changed. Other standing items pass through unchanged.
 */
export function withRegisterChanges(item: AgendaItem, fact: StandingItemFact, readable: readonly RegisterChangeFact[]): AgendaItem {
  if (fact.kind !== 'infrastructure-overview' || fact.sector === undefined) return item;
  const ofSector = [...readable]
    .filter((c) => c.sector === fact.sector)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byEntry = new Map<string, RegisterChangeFact[]>();
  for (const change of ofSector) byEntry.set(change.entryId, [...(byEntry.get(change.entryId) ?? []), change]);
  const notes = [...byEntry.values()].map(describe);
  return {
    ...item,
    minutes: Math.min(MAX_MINUTES, item.minutes + Math.floor(byEntry.size / 2)),
    sources: [...item.sources, ...ofSector.map((c) => toAgendaSource(registerChangeSource(c)))],
    notes: notes.length ? notes : ['No register changes since the last meeting that every participant may read.'],
  };
}
