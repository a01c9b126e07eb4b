import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoriesService } from './advisories.service.js';
import { DeliveryRepository } from './delivery.repository.js';

/**
 * DESIGN §5.5: an alert not acknowledged by its deadline is escalated — the recipient gets a
 * reminder in its inbox (under the alert's own marking, to it alone) and the centre sees the
 * escalation in the alert's receipts (`escalatedAt`).
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly advisories: AdvisoryRepository,
    private readonly publisher: AdvisoriesService,
    private readonly directory: NetworkDirectory,
  ) {}

  async escalateOverdue(): Promise<number> {
    const overdue = await this.deliveries.escalateOverdue();
    if (overdue.length === 0) return 0;
    const network = await this.directory.network();
    const byAlert = new Map<string, string[]>();
    for (const o of overdue) byAlert.set(o.advisoryId, [...(byAlert.get(o.advisoryId) ?? []), o.orgId]);
    for (const [alertId, orgIds] of byAlert) {
      const alert = await this.advisories.findById(alertId);
      if (!alert) continue;
      const slugs = orgIds.map((id) => network.byId(id)?.slug).filter((s): s is string => !!s);
      await this.publisher.publish(
        { system: true, organisationId: alert.authorOrgId },
        {
          title: `Reminder: acknowledge "${alert.title}"`.slice(0, 300),
          body: `The alert ${alert.id} required an acknowledgement by ${alert.ackDeadline?.toISOString()}. Please acknowledge it in your inbox.`,
          severity: alert.severity,
          tlp: alert.tlp,
          audience: { organisations: slugs },
        },
        // one reminder per alert and batch of recipients, even if this runs twice
        { idempotencyKey: `escalation:${alertId}:${createHash('sha256').update([...orgIds].sort().join(',')).digest('hex')}` },
      );
      this.logger.log({ msg: 'alert escalated', alertId, recipients: slugs });
    }
    return overdue.length;
  }
}
