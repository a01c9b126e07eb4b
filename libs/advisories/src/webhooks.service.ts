import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { AppConfig } from '@isac/config';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { canRead } from '@isac/tlp';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoryMatchRepository } from './advisory-match.repository.js';
import { asReadable, auditItem } from './advisories.service.js';
import { advisoryView } from './advisory-view.js';
import { DeliveryRepository, type EntryKey } from './delivery.repository.js';
import { signWebhook, SIGNATURE_HEADER } from './webhook-signature.js';
import { WebhookRepository } from './webhook.repository.js';
import { isSealed } from './webhook-secret-box.js';
import { WebhookSecrets } from './webhook-secrets.service.js';
import { WebhookAddressRefused, WebhookTransport } from './webhook.transport.js';
import { ADVISORY_ERRORS } from './errors.js';
import { ORG_ERRORS } from '@isac/organisations';

export type PushOutcome = 'delivered' | 'dead-lettered' | 'skipped';

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly advisories: AdvisoryRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly config: AppConfig,
    private readonly transport: WebhookTransport,
    private readonly secrets: WebhookSecrets,
    private readonly matches: AdvisoryMatchRepository,
  ) {}

  /**
   * Seals the secrets an older hub stored in clear (they still sign as they are, but a dump of the
   * database would give them away); returns how many. A webhook set meanwhile is left as set, and
   * two workers at once seal each secret once.
   */
  async sealSecretsInClear(): Promise<number> {
    let sealed = 0;
    for (const { orgId, secret } of await this.webhooks.storedSecrets()) {
      if (isSealed(secret)) continue;
      if (await this.webhooks.replaceSecret(orgId, secret, this.secrets.seal(orgId, secret))) sealed++;
    }
    return sealed;
  }

  /** An organisation's own admins set its webhook; the centre's admins may set anyone's. */
  async configure(principal: Principal, slug: string, webhook: { url: string; secret: string }) {
    const org = (await this.directory.network()).bySlug(slug);
    if (!org) throw new DomainError(ORG_ERRORS.notFound, `No organisation "${slug}".`);
    if (org.id !== principal.organisation.id && principal.organisation.kind !== 'centre') {
      throw new DomainError(ADVISORY_ERRORS.webhookForbidden, `Only ${slug}'s own admins or the centre's set its webhook.`);
    }
    // the worker will make requests to this URL from inside the hub's network: only where the policy allows
    const refusal = await this.transport.refusalOf(webhook.url);
    if (refusal) {
      throw new DomainError(ADVISORY_ERRORS.webhookAddressRefused, `A webhook may not point there: ${refusal}.`, [{ pointer: '/url', detail: refusal }]);
    }
    // stored sealed, never in clear; the answer (and so the audit and the logs) never carries it
    const saved = await this.webhooks.upsert(org.id, webhook.url, this.secrets.seal(org.id, webhook.secret));
    return { organisation: slug, url: saved.url, updatedAt: saved.updatedAt.toISOString() };
  }

  /**
   * One try of one push. Throws to let the queue retry with back-off; on the last try records the
   * delivery as dead-lettered instead, so it shows in the author's receipts.
   */
  async push(key: EntryKey, attemptsMade: number): Promise<PushOutcome> {
    const delivery = await this.deliveries.find(key);
    if (!delivery || delivery.webhookState !== 'pending') return 'skipped';
    const [advisory, webhook, network, matched] = await Promise.all([
      this.advisories.findById(delivery.advisoryId),
      this.webhooks.findFor(delivery.orgId),
      // a member added in the API seconds ago must not be refused as "not in the network" by a stale copy
      this.directory.networkKnowing([delivery.orgId]),
      // issue 18: what of the receiver's own register a targeted advisory matched, for its body alone
      this.matches.matchesOf(delivery.orgId, [delivery.advisoryId]),
    ]);
    // the tries PostgreSQL counted: a push queued again after Redis lost its queues starts BullMQ's count at 0
    const attempt = Math.max(attemptsMade, delivery.webhookAttempts) + 1;
    if (!advisory || !webhook) {
      await this.deliveries.recordPush(key, 'dead-lettered', attempt, 'the webhook was removed');
      return 'dead-lettered';
    }
    // the webhook is a read path like any other: the policy decides, and AMBER and above are audited
    const decision = canRead(asReadable(advisory), { orgId: delivery.orgId }, network);
    if (!decision.allowed) {
      await this.deliveries.recordPush(key, 'dead-lettered', attempt, `refused by the TLP policy: ${decision.code}`);
      return 'dead-lettered';
    }
    // deliveryId names the entry as the receiver's inbox does: its advisory's id
    const body = JSON.stringify({
      deliveryId: delivery.advisoryId,
      advisory: advisoryView(advisory, network, { orgId: delivery.orgId }, matched.get(delivery.advisoryId)),
    });
    try {
      // a secret that does not open (WEBHOOK_SECRET_KEY changed) fails this try like an endpoint that is down
      const secret = this.secrets.open(webhook.orgId, webhook.secret);
      const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)) };
      const status = await this.transport.post(webhook.url, headers, body, this.config.WEBHOOK_TIMEOUT_MS);
      if (status < 200 || status >= 300) throw new Error(`the endpoint answered ${status}`);
    } catch (error) {
      const message = (error as Error).message;
      // an address the policy refuses stays refused: no retry
      const last = attempt >= this.config.WEBHOOK_ATTEMPTS || error instanceof WebhookAddressRefused;
      await this.deliveries.recordPush(key, last ? 'dead-lettered' : 'pending', attempt, message);
      if (last) return 'dead-lettered';
      throw new Error(message);
    }
    await this.deliveries.recordPush(key, 'delivered', attempt, null);
    const org = network.byId(delivery.orgId);
    const reader = {
      keyId: 'webhook',
      keyPrefix: 'webhook',
      roles: [],
      organisation: { id: delivery.orgId, slug: org?.slug ?? '', kind: org?.kind ?? 'member', sector: org?.sector ?? null, parentId: org?.parentId ?? null },
    } satisfies Principal;
    await this.audit.recordReads(reader, [{ item: auditItem(advisory), decision }], 'webhook');
    return 'delivered';
  }
}
