// Live events of major-incident rooms (issue 19): a line added to a room reaches the console streams
// of the organisations the TLP policy lets read that line, and nobody else's (pure).
import { canRead, type Network, type ReadableItem, type TlpLabel, parseTlpLabel } from '@isac/tlp';

/** The channel the crisis context announces a room's new line on, in the transaction that writes it. */
export const ROOM_EVENTS_CHANNEL = 'isac_room_events';

/**
 * What a room's announcement carries: ids, the line's kind, and the marking facts of the line (a
 * sitrep carries its own marking; every other line the room's). A room's marking and recipients
 * never change, so the facts sent with the line are those that decide who may read it.
 */
export interface RoomNotification {
  majorIncidentId: string;
  entryId: string;
  kind: string;
  item: { tlp: TlpLabel; authorOrgId: string; recipientOrgIds: string[] };
}

export type RoomEvent = { type: 'major-incident'; majorIncidentId: string; entryId: string; kind: string };

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);

export function roomNotificationPayload(n: RoomNotification): string {
  return JSON.stringify(n);
}

/** The payload the crisis context wrote; anything else is ignored. */
export function parseRoomNotification(payload: string | undefined): RoomNotification | null {
  if (!payload) return null;
  try {
    const p = JSON.parse(payload) as Partial<RoomNotification> & { item?: Partial<RoomNotification['item']> };
    const tlp = parseTlpLabel(String(p.item?.tlp ?? ''));
    if (!isUuid(p.majorIncidentId) || !isUuid(p.entryId) || typeof p.kind !== 'string' || !tlp || !isUuid(p.item?.authorOrgId)) return null;
    if (!Array.isArray(p.item?.recipientOrgIds) || !p.item.recipientOrgIds.every(isUuid)) return null;
    return {
      majorIncidentId: p.majorIncidentId,
      entryId: p.entryId,
      kind: p.kind.slice(0, 32),
      item: { tlp, authorOrgId: p.item.authorOrgId, recipientOrgIds: p.item.recipientOrgIds },
    };
  } catch {
    return null;
  }
}

/**
 * The listening organisations that hear of the line: those the policy lets read it (a RED room's
 * line only its named recipients and the centre; a RED sitrep of an AMBER room not the units'
 * members, who may read the room). The event carries ids only; the console reads the room through
 * the REST API, where the policy and the audit log apply.
 */
export function roomEventsFor(n: RoomNotification, listeningOrgIds: readonly string[], network: Network): { orgId: string; event: RoomEvent }[] {
  const item: ReadableItem = n.item;
  return listeningOrgIds
    .filter((orgId) => canRead(item, { orgId }, network).allowed)
    .map((orgId) => ({ orgId, event: { type: 'major-incident', majorIncidentId: n.majorIncidentId, entryId: n.entryId, kind: n.kind } }));
}
