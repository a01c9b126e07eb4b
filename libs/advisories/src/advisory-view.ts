import type { AdvisoryEntity } from './advisory.entity.js';
import type { DeliveryEntity } from './delivery.entity.js';

export interface OrgNames {
  byId(id: string): { id: string; slug: string } | undefined;
}

const orgRef = (orgs: OrgNames, id: string) => ({ id, slug: orgs.byId(id)?.slug ?? null });

/** The advisory as the API and webhooks show it (recipients are not listed: only the author sees receipts). */
export function advisoryView(a: AdvisoryEntity, orgs: OrgNames) {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    severity: a.severity,
    tlp: a.tlp,
    audience: a.audience,
    author: orgRef(orgs, a.authorOrgId),
    stix: a.stix ?? [],
    requiresAck: a.requiresAck,
    ackDeadline: a.ackDeadline?.toISOString() ?? null,
    expiresAt: a.expiresAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function receiptView(d: DeliveryEntity, orgs: OrgNames) {
  return {
    organisation: orgRef(orgs, d.orgId),
    forwardedBy: d.viaOrgId ? orgRef(orgs, d.viaOrgId) : null,
    deliveredAt: d.deliveredAt.toISOString(),
    readAt: d.readAt?.toISOString() ?? null,
    acknowledgedAt: d.ackedAt?.toISOString() ?? null,
    escalatedAt: d.escalatedAt?.toISOString() ?? null,
    webhook: d.webhookState ? { state: d.webhookState, attempts: d.webhookAttempts, lastError: d.webhookLastError } : null,
  };
}

export function inboxEntryView(d: DeliveryEntity, a: AdvisoryEntity, orgs: OrgNames) {
  return {
    // unique per advisory within one organisation's inbox
    id: d.advisoryId,
    advisory: advisoryView(a, orgs),
    forwardedBy: d.viaOrgId ? orgRef(orgs, d.viaOrgId) : null,
    deliveredAt: d.deliveredAt.toISOString(),
    readAt: d.readAt?.toISOString() ?? null,
    acknowledgedAt: d.ackedAt?.toISOString() ?? null,
  };
}
