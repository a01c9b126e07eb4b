// How a room and its lines count for the TLP policy: the centre is the author, the concerned sector
// units the named recipients; a sitrep carries its own marking to the same recipients.
import type { ReadableItem, TlpLabel } from '@isac/tlp';

export interface RoomLike {
  id: string;
  tlp: TlpLabel;
  authorOrgId: string;
  recipientOrgIds: readonly string[];
}

/** A source of the room or its report, with what the audit log names it by. */
export type AuditedSource = ReadableItem & { audit: { kind: string; id: string; tlp: string; authorOrgId: string } };

export function roomItem(room: RoomLike): AuditedSource {
  return {
    tlp: room.tlp,
    authorOrgId: room.authorOrgId,
    recipientOrgIds: room.recipientOrgIds,
    audit: { kind: 'major-incident', id: room.id, tlp: room.tlp, authorOrgId: room.authorOrgId },
  };
}

export function sitrepItem(room: RoomLike, sitrep: { id: string; tlp: TlpLabel | null; orgId: string }): AuditedSource {
  const tlp = sitrep.tlp ?? room.tlp;
  return {
    tlp,
    authorOrgId: sitrep.orgId,
    recipientOrgIds: room.recipientOrgIds,
    audit: { kind: 'major-incident-sitrep', id: sitrep.id, tlp, authorOrgId: sitrep.orgId },
  };
}

export function caseItem(c: { incidentId: string; tlp: TlpLabel | undefined; reporterOrgId: string; recipientOrgIds: readonly string[] }): AuditedSource {
  return {
    kind: 'incident',
    tlp: c.tlp,
    authorOrgId: c.reporterOrgId,
    recipientOrgIds: c.recipientOrgIds,
    audit: { kind: 'incident', id: c.incidentId, tlp: c.tlp ?? 'TLP:AMBER+STRICT', authorOrgId: c.reporterOrgId },
  };
}
