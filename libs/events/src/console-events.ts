// Which live event an organisation hears of when an inbox entry is written or changes (pure).
import { canRead, type Network, type TlpLabel } from '@isac/tlp';
import type { CaseEvent } from './case-events.js';
import type { RoomEvent } from './room-events.js';

/** One inbox entry (named by its advisory and recipient) as the notifier sees it, with the marking facts of its advisory. */
export interface DeliveryFact {
  advisoryId: string;
  recipientOrgId: string;
  authorOrgId: string;
  tlp: TlpLabel | undefined;
  recipientOrgIds: readonly string[];
  kind: 'advisory' | 'alert';
  /** issue 18: recipients a targeted audience found in registers the author may not read (its receipts count them, never name them) */
  unnamedOrgIds: readonly string[];
}

export type DeliveryChange = 'insert' | 'update';

/**
 * An advisory of the listener's own that got new inbox entries (for others than its author) in one
 * inserting statement: the author hears of it once, not once per recipient.
 */
export interface DeliveredAdvisory {
  advisoryId: string;
  authorOrgId: string;
}

/** What one notification names, read from PostgreSQL for the organisations listening. */
export interface DeliveryFacts {
  entries: DeliveryFact[];
  delivered: DeliveredAdvisory[];
}

export type ConsoleEvent =
  // entryId: the entry's id in the recipient's inbox, which is its advisory's id
  | { type: 'inbox'; change: 'added' | 'changed'; entryId: string; advisoryId: string }
  // to the author: its advisory was delivered to recipients (a fan-out, however large), or one recipient's receipt changed
  | { type: 'receipt'; change: 'delivered'; advisoryId: string }
  | { type: 'receipt'; change: 'changed'; advisoryId: string; recipientOrgId: string }
  // a receipt the author sees only counted (issue 18: a recipient it may not be told of): no organisation named
  | { type: 'receipt'; change: 'counted'; advisoryId: string }
  // a case the listener may read changed (case-events.ts)
  | CaseEvent;

/**
 * Which of its organisation's events a stream hears, by its key's roles (the README's role table):
 * inbox entries, receipts and rooms' lines are the analyst's, as the inbox and the rooms are; a case changing is for whoever
 * reads cases (analyst or reporter); `resync` for every stream.
 */
export function heardBy(event: ConsoleEvent | RoomEvent | { type: 'resync' }, roles: readonly string[]): boolean {
  if (event.type === 'resync') return true;
  if (event.type === 'case') return roles.includes('analyst') || roles.includes('reporter');
  return roles.includes('analyst');
}

/** An event and the organisation whose streams it goes to. */
export interface AddressedEvent {
  orgId: string;
  event: ConsoleEvent;
}

/** An entry named by a notification: its advisory and its recipient. */
export interface EntryRef {
  advisoryId: string;
  orgId: string;
}

/**
 * DESIGN §5: an inbox entry is its recipient's, receipts are its author's. The recipient hears of
 * an entry only when the TLP policy lets it read the advisory (asked again, as every inbox read
 * does); the author hears that a receipt changed — of which recipient only where its receipts
 * name it (issue 18). New entries reach the author as one `delivered`
 * event per advisory instead (see eventsOf), so here an insert tells the recipient only. Events
 * carry ids only: the console reads the content through the REST API, where the policy and the
 * audit log apply.
 */
export function eventsFor(fact: DeliveryFact, change: DeliveryChange, listenerOrgId: string, network: Network): ConsoleEvent[] {
  const events: ConsoleEvent[] = [];
  if (listenerOrgId === fact.recipientOrgId) {
    const item = { tlp: fact.tlp, authorOrgId: fact.authorOrgId, recipientOrgIds: fact.recipientOrgIds, kind: fact.kind };
    if (canRead(item, { orgId: listenerOrgId }, network).allowed) {
      events.push({ type: 'inbox', change: change === 'insert' ? 'added' : 'changed', entryId: fact.advisoryId, advisoryId: fact.advisoryId });
    }
  }
  if (change === 'update' && listenerOrgId === fact.authorOrgId && fact.recipientOrgId !== fact.authorOrgId) {
    // the same rule as the author's receipts (AdvisoriesService.get): an unnamed recipient is only counted
    if (fact.unnamedOrgIds.includes(fact.recipientOrgId)) events.push({ type: 'receipt', change: 'counted', advisoryId: fact.advisoryId });
    else events.push({ type: 'receipt', change: 'changed', advisoryId: fact.advisoryId, recipientOrgId: fact.recipientOrgId });
  }
  return events;
}

/**
 * Every event one notification makes, addressed: each entry's to its recipient (and, for a change,
 * to its author), and one `delivered` per advisory to its author — a fan-out of 16,000 entries is
 * one event for the author's console, which reloads the receipt board on it anyway.
 */
export function eventsOf(facts: DeliveryFacts, change: DeliveryChange, network: Network): AddressedEvent[] {
  const addressed: AddressedEvent[] = [];
  for (const fact of facts.entries) {
    for (const orgId of new Set([fact.recipientOrgId, fact.authorOrgId])) {
      for (const event of eventsFor(fact, change, orgId, network)) addressed.push({ orgId, event });
    }
  }
  for (const advisory of facts.delivered)
    addressed.push({ orgId: advisory.authorOrgId, event: { type: 'receipt', change: 'delivered', advisoryId: advisory.advisoryId } });
  return addressed;
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);

/**
 * What a deliveries trigger announced: new entries by advisory and the instant they were delivered
 * at (the inserting statement's now()), or changed entries as [advisory id, organisation id] pairs.
 */
export type DeliveryNotification = { change: 'insert'; advisoryIds: string[]; at: string } | { change: 'update'; entries: EntryRef[] };

/** The notification payload written by the deliveries triggers; anything else is ignored. */
export function parseNotification(payload: string | undefined): DeliveryNotification | null {
  if (!payload) return null;
  try {
    const parsed = JSON.parse(payload) as { op?: unknown; entries?: unknown; advisories?: unknown; at?: unknown };
    if (parsed.op === 'insert') {
      if (!Array.isArray(parsed.advisories) || typeof parsed.at !== 'string' || Number.isNaN(Date.parse(parsed.at))) return null;
      return { change: 'insert', advisoryIds: parsed.advisories.filter(isUuid), at: parsed.at };
    }
    if (parsed.op !== 'update' || !Array.isArray(parsed.entries)) return null;
    const entries = parsed.entries
      .filter((e): e is [string, string] => Array.isArray(e) && e.length === 2 && isUuid(e[0]) && isUuid(e[1]))
      .map(([advisoryId, orgId]) => ({ advisoryId, orgId }));
    return { change: 'update', entries };
  } catch {
    return null;
  }
}

/** Whether a notification names nothing (no advisory, no entry). */
export function isEmptyNotification(notification: DeliveryNotification): boolean {
  return notification.change === 'insert' ? notification.advisoryIds.length === 0 : notification.entries.length === 0;
}
