import { objectAsSeenBy } from '@isac/stix';
import type { Network, Reader } from '@isac/tlp';
import type { AdvisoryEntity } from './advisory.entity.js';
import type { AdvisoryMatch } from './advisory.types.js';
import type { DeliveryEntity } from './delivery.entity.js';

export interface OrgNames {
  byId(id: string): { id: string; slug: string } | undefined;
}

/**
 * The advisory's STIX as `reader` may see it (DESIGN §2): each part a granular marking selects is
 * judged with the advisory's author and named recipients; an object that cannot be served without
 * a withheld part is left out.
 */
function stixSeenBy(a: AdvisoryEntity, reader: Reader, network: Network): object[] {
  const owner = { authorOrgId: a.authorOrgId, recipientOrgIds: a.recipientOrgIds };
  return (a.stix ?? []).flatMap((o): object[] => {
    const seen = objectAsSeenBy(o as Record<string, unknown>, owner, reader, network);
    return seen === null ? [] : [seen];
  });
}

const orgRef = (orgs: OrgNames, id: string) => ({ id, slug: orgs.byId(id)?.slug ?? null });

/**
 * The advisory as the API and webhooks show it to `reader` (recipients are not listed: only the author
 * sees receipts). `matched`: what of the reader's own register a targeted audience matched (issue 18),
 * which the caller reads for that reader alone.
 */
export function advisoryView(a: AdvisoryEntity, orgs: OrgNames & Network, reader: Reader, matched?: AdvisoryMatch[]) {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    severity: a.severity,
    tlp: a.tlp,
    audience: a.audience,
    author: orgRef(orgs, a.authorOrgId),
    stix: stixSeenBy(a, reader, orgs),
    requiresAck: a.requiresAck,
    ackDeadline: a.ackDeadline?.toISOString() ?? null,
    expiresAt: a.expiresAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    // issue 19: an exercise's advisory says so wherever it goes (the API, the inbox, the signed webhook body)
    exercise: a.exerciseId !== null,
    ...(matched?.length ? { matched } : {}),
  };
}

/**
 * What an author other than the centre is told of a recipient's failing webhook: that it failed,
 * not why. The reason names the recipient's endpoint (an address, a host name, what it answered),
 * which is that organisation's own business; the centre, which runs the hub and helps members mend
 * their endpoints, is told.
 */
export const WEBHOOK_FAILURE_WITHHELD = "the push to the recipient's webhook failed; the reason is shown to the centre only";

export function receiptView(d: DeliveryEntity, orgs: OrgNames, viewer: { centre: boolean }) {
  const lastError = d.webhookLastError === null || viewer.centre ? d.webhookLastError : WEBHOOK_FAILURE_WITHHELD;
  return {
    organisation: orgRef(orgs, d.orgId),
    forwardedBy: d.viaOrgId ? orgRef(orgs, d.viaOrgId) : null,
    deliveredAt: d.deliveredAt.toISOString(),
    readAt: d.readAt?.toISOString() ?? null,
    acknowledgedAt: d.ackedAt?.toISOString() ?? null,
    escalatedAt: d.escalatedAt?.toISOString() ?? null,
    webhook: d.webhookState ? { state: d.webhookState, attempts: d.webhookAttempts, lastError } : null,
  };
}

/** An entry of `d.orgId`'s inbox. */
export function inboxEntryView(d: DeliveryEntity, a: AdvisoryEntity, orgs: OrgNames & Network, matched?: AdvisoryMatch[]) {
  return {
    // unique per advisory within one organisation's inbox
    id: d.advisoryId,
    advisory: advisoryView(a, orgs, { orgId: d.orgId }, matched),
    forwardedBy: d.viaOrgId ? orgRef(orgs, d.viaOrgId) : null,
    deliveredAt: d.deliveredAt.toISOString(),
    readAt: d.readAt?.toISOString() ?? null,
    acknowledgedAt: d.ackedAt?.toISOString() ?? null,
  };
}
