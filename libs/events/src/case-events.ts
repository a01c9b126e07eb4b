// Which live event an organisation hears of when a case it may read changes (pure).
import { caseDecision, messageItem } from '@isac/incidents';
import { canRead, type Network } from '@isac/tlp';

/** What the case triggers announced: the change (a timeline kind, `message` or `link`), the cases it concerns and, for a message, its id. */
export interface CaseNotification {
  change: string;
  caseIds: string[];
  messageId: string | null;
}

/** The marking facts of a case, as the TLP policy reads it. */
export interface CaseFact {
  id: string;
  tlp: string;
  reporterOrgId: string;
  recipientOrgIds: string[];
}

export interface MessageFact {
  id: string;
  caseId: string;
  tlp: string;
  authorOrgId: string;
  recipientOrgIds: string[];
}

/** The facts a notification names, read from PostgreSQL: its cases (those that exist) and its message. */
export interface CaseChangeFacts {
  cases: CaseFact[];
  message: MessageFact | null;
}

export type CaseEvent = { type: 'case'; change: string; caseId: string };

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);
const CHANGE = /^[a-z][a-z-]{0,23}$/;

/** The notification payload written by the case triggers; anything else is ignored. */
export function parseCaseNotification(payload: string | undefined): CaseNotification | null {
  if (!payload) return null;
  try {
    const parsed = JSON.parse(payload) as { change?: unknown; cases?: unknown; message?: unknown };
    if (typeof parsed.change !== 'string' || !CHANGE.test(parsed.change) || !Array.isArray(parsed.cases)) return null;
    const caseIds = [...new Set(parsed.cases.filter(isUuid))];
    if (caseIds.length === 0) return null;
    return { change: parsed.change, caseIds, messageId: isUuid(parsed.message) ? parsed.message : null };
  } catch {
    return null;
  }
}

/**
 * DESIGN §2 and §8: a change of a case is told to the organisations that may read the case and
 * everything else the change names — the message (which may be stricter than its case), the other
 * case of a link (a reader of one case only learns nothing of the other, not even that a link was
 * made). Events carry ids only: the console reads the case through the REST API, where the policy
 * and the audit log apply.
 */
export function caseEventsOf(
  notification: CaseNotification,
  facts: CaseChangeFacts,
  listenerOrgIds: readonly string[],
  network: Network,
): { orgId: string; event: CaseEvent }[] {
  const named = notification.caseIds.map((id) => facts.cases.find((c) => c.id === id));
  // a case gone (or never there) is nothing anyone may read: nobody hears of the change
  if (named.some((c) => c === undefined)) return [];
  const cases = named as CaseFact[];
  const message = notification.messageId ? facts.message : null;
  if (notification.messageId && (!message || !cases.some((c) => c.id === message.caseId))) return [];
  const addressed: { orgId: string; event: CaseEvent }[] = [];
  for (const orgId of new Set(listenerOrgIds)) {
    const readsAll = cases.every((c) => caseDecision(c, orgId, network).allowed) && (!message || canRead(messageItem(message), { orgId }, network).allowed);
    if (!readsAll) continue;
    for (const c of cases) addressed.push({ orgId, event: { type: 'case', change: notification.change, caseId: c.id } });
  }
  return addressed;
}

/**
 * Whether a key of the given case scope (caseReadScope of @isac/auth: a reporter key reads its own
 * organisation's cases only) hears of a change: only when every case it names is in that scope, as
 * the REST API answers "not found" for the others and leaves a link to them out.
 */
export function inCaseScope(facts: CaseChangeFacts, scope: { reporterOrgId?: string }): boolean {
  return scope.reporterOrgId === undefined || facts.cases.every((c) => c.reporterOrgId === scope.reporterOrgId);
}
