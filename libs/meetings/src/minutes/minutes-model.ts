// Maps stored minutes onto the pure core's ActionItem and onto what the API shows.
import type { NetworkSnapshot } from '@isac/organisations';
import { isOverdue, type ActionItem } from './minutes.js';
import type { MeetingActionItemEntity, MeetingDecisionEntity } from './minutes.entity.js';

export function actionFact(a: MeetingActionItemEntity, network: NetworkSnapshot): ActionItem {
  const slug = (id: string) => network.byId(id)?.slug ?? id;
  return {
    id: a.id,
    title: a.title,
    ownerOrgId: a.ownerOrgId,
    ownerSlug: slug(a.ownerOrgId),
    due: a.due,
    status: a.status,
    meetingId: a.meetingId,
    ...(a.agendaItemId ? { agendaItemId: a.agendaItemId } : {}),
    tlp: a.tlp,
    authorOrgId: a.authorOrgId,
    authorSlug: slug(a.authorOrgId),
    recipientOrgIds: a.recipientOrgIds,
  };
}

export function actionView(a: MeetingActionItemEntity, network: NetworkSnapshot, now: Date) {
  const fact = actionFact(a, network);
  return {
    id: a.id,
    meetingId: a.meetingId,
    agendaItemId: a.agendaItemId,
    title: a.title,
    owner: fact.ownerSlug,
    due: a.due.toISOString().slice(0, 10),
    status: a.status,
    overdue: isOverdue(fact, now),
    tlp: a.tlp,
  };
}

export function decisionView(d: MeetingDecisionEntity) {
  return { id: d.id, meetingId: d.meetingId, agendaItemId: d.agendaItemId, text: d.text, createdAt: d.createdAt.toISOString() };
}
