// Which live event an organisation hears of when an inbox entry is written or changes (pure).
import { canRead, type Network, type TlpLabel } from '@isac/tlp';

/** One inbox entry as the notifier sees it, with the marking facts of its advisory. */
export interface DeliveryFact {
  entryId: string;
  advisoryId: string;
  recipientOrgId: string;
  authorOrgId: string;
  tlp: TlpLabel | undefined;
  recipientOrgIds: readonly string[];
  kind: 'advisory' | 'alert';
}

export type DeliveryChange = 'insert' | 'update';

export type ConsoleEvent =
  | { type: 'inbox'; change: 'added' | 'changed'; entryId: string; advisoryId: string }
  | { type: 'receipt'; advisoryId: string; entryId: string };

/**
 * DESIGN §5: an inbox entry is its recipient's, receipts are its author's. The recipient hears of
 * an entry only when the TLP policy lets it read the advisory (asked again, as every inbox read
 * does); the author hears that a receipt changed. Events carry ids only: the console reads the
 * content through the REST API, where the policy and the audit log apply.
 */
export function eventsFor(fact: DeliveryFact, change: DeliveryChange, listenerOrgId: string, network: Network): ConsoleEvent[] {
  const events: ConsoleEvent[] = [];
  if (listenerOrgId === fact.recipientOrgId) {
    const item = { tlp: fact.tlp, authorOrgId: fact.authorOrgId, recipientOrgIds: fact.recipientOrgIds, kind: fact.kind };
    if (canRead(item, { orgId: listenerOrgId }, network).allowed) {
      events.push({ type: 'inbox', change: change === 'insert' ? 'added' : 'changed', entryId: fact.entryId, advisoryId: fact.advisoryId });
    }
  }
  if (listenerOrgId === fact.authorOrgId && fact.recipientOrgId !== fact.authorOrgId) {
    events.push({ type: 'receipt', advisoryId: fact.advisoryId, entryId: fact.entryId });
  }
  return events;
}

/** The notification payload written by the deliveries triggers; anything else is ignored. */
export function parseNotification(payload: string | undefined): { change: DeliveryChange; ids: string[] } | null {
  if (!payload) return null;
  try {
    const parsed = JSON.parse(payload) as { op?: unknown; ids?: unknown };
    if ((parsed.op !== 'insert' && parsed.op !== 'update') || !Array.isArray(parsed.ids)) return null;
    const ids = parsed.ids.filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id));
    return { change: parsed.op, ids };
  } catch {
    return null;
  }
}
