// Minutes record decisions and action items against agenda items (DESIGN §6). Open actions carry
// into the next meeting's draft, overdue ones flagged. Pure: `now` is always passed in.
import type { TlpLabel } from '@isac/tlp';
import { MEETING_ERRORS } from '../errors.js';

export type ActionStatus = 'open' | 'done' | 'cancelled';

export interface ActionItem {
  id: string;
  title: string;
  ownerOrgId: string;
  ownerSlug: string;
  /** The instant the action falls due; the service stores a due date as the end of that day (UTC). */
  due: Date;
  status: ActionStatus;
  /** The meeting whose minutes recorded it. */
  meetingId: string;
  agendaItemId?: string;
  // The minutes' marking: an action inherits the TLP of the minutes it was written in, and its
  // readers are that meeting's participants — so the next draft asks the policy about it too.
  tlp: TlpLabel | undefined;
  authorOrgId: string;
  authorSlug: string;
  recipientOrgIds: readonly string[];
}

export interface MinutesDecision {
  id: string;
  agendaItemId: string;
  text: string;
}

export interface CarriedAction {
  action: ActionItem;
  overdue: boolean;
  /** Whole days past due (0 when not overdue). */
  daysOverdue: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function byDueThenId(a: ActionItem, b: ActionItem): number {
  return a.due.getTime() - b.due.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function isOpen(action: ActionItem): boolean {
  return action.status === 'open';
}

/** Open and past its due instant; an action due exactly now is not yet overdue. */
export function isOverdue(action: ActionItem, now: Date): boolean {
  return isOpen(action) && now.getTime() > action.due.getTime();
}

/** Open actions, earliest due first (ties by id, so the order never depends on input order). */
export function openActions(actions: readonly ActionItem[]): ActionItem[] {
  return actions.filter(isOpen).sort(byDueThenId);
}

export function overdueActions(actions: readonly ActionItem[], now: Date): ActionItem[] {
  return openActions(actions).filter((action) => isOverdue(action, now));
}

/**
 * What the next draft carries over: every open action, overdue ones first (most overdue first),
 * then the rest by due date. Done and cancelled actions stay in the minutes they were closed in.
 */
export function carryOverActions(actions: readonly ActionItem[], now: Date): CarriedAction[] {
  const carried = openActions(actions).map((action): CarriedAction => {
    const overdue = isOverdue(action, now);
    const daysOverdue = overdue ? Math.floor((now.getTime() - action.due.getTime()) / DAY_MS) : 0;
    return { action, overdue, daysOverdue };
  });
  const overdue = carried.filter((c) => c.overdue);
  const notYetDue = carried.filter((c) => !c.overdue);
  return [...overdue, ...notYetDue];
}

export type ActionUpdate = { ok: true; action: ActionItem } | { ok: false; code: string; reason: string };

/**
 * Closes or reopens an action. A cancelled action stays cancelled: reopening it would revive a
 * decision the minutes record as dropped; record a new action instead.
 */
export function setActionStatus(action: ActionItem, status: ActionStatus): ActionUpdate {
  if (action.status === 'cancelled' && status !== 'cancelled') {
    return { ok: false, code: MEETING_ERRORS.actionCancelled, reason: `Action ${action.id} was cancelled; record a new action instead of reopening it.` };
  }
  return { ok: true, action: { ...action, status } };
}
