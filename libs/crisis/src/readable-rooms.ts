import type { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { canRead, type Network } from '@isac/tlp';
import { roomItem, type RoomLike } from './room-items.js';

/** The rooms `principal` may read, each decided by the policy, and those reads audited (the room list, a case's attachments). */
export async function readableRooms<R extends RoomLike>(rooms: R[], principal: Principal, network: Network, audit: AuditLogService): Promise<R[]> {
  const reader = { orgId: principal.organisation.id };
  const readable = rooms.flatMap((room) => {
    const decision = canRead(roomItem(room), reader, network);
    return decision.allowed ? [{ room, decision }] : [];
  });
  await audit.recordReads(
    principal,
    readable.map(({ room, decision }) => ({ item: roomItem(room).audit, decision })),
    'rest',
  );
  return readable.map(({ room }) => room);
}
