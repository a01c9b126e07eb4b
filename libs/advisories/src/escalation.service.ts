import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { UnitOfWork } from '@isac/unit-of-work';
import type { AdvisoryEntity } from './advisory.entity.js';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoriesService } from './advisories.service.js';
import { DeliveryRepository } from './delivery.repository.js';

/**
 * DESIGN §5.5: an alert not acknowledged by its deadline is escalated — the recipient gets a
 * reminder in its inbox (under the alert's own marking, to it alone) and the centre sees the
 * escalation in the alert's receipts (`escalatedAt`). DESIGN §5 "nothing lost": an entry is marked
 * escalated in the transaction that writes its reminder (advisory and outbox row, as any
 * publication), so a mark never stands without a reminder on its way.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly advisories: AdvisoryRepository,
    private readonly publisher: AdvisoriesService,
    private readonly directory: NetworkDirectory,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Escalates every live overdue alert, each in its own unit of work; returns how many entries. */
  async escalateOverdue(): Promise<number> {
    let escalated = 0;
    for (const alert of await this.advisories.overdueAlerts()) {
      let reminded: string[] = [];
      try {
        const orgIds = await this.unitOfWork.run(async () => {
          const claimed = await this.deliveries.claimOverdue(alert.id);
          if (claimed.length) reminded = await this.remind(alert, claimed);
          return claimed;
        });
        escalated += orgIds.length;
      } catch (error) {
        // nothing of this alert was committed: its entries are escalated on a later run, the other alerts now
        this.logger.warn({ msg: 'alert not escalated', alertId: alert.id, err: (error as Error).message });
        continue;
      }
      if (reminded.length) this.logger.log({ msg: 'alert escalated', alertId: alert.id, recipients: reminded });
    }
    return escalated;
  }

  /** The reminder to `orgIds`, written in the unit of work that marks their entries; returns their slugs. */
  private async remind(alert: AdvisoryEntity, orgIds: string[]): Promise<string[]> {
    const slugs = await this.slugs(orgIds);
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
      {
        idempotencyKey: `escalation:${alert.id}:${createHash('sha256').update([...orgIds].sort().join(',')).digest('hex')}`,
        // the reminder of an exercise's alert is the exercise's too (issue 19)
        ...(alert.exerciseId ? { exerciseId: alert.exerciseId } : {}),
      },
    );
    return slugs;
  }

  /**
   * The reminder names its recipients by slug. An entry's organisation missing from this process's
   * snapshot of the network (a member added seconds ago, routed by another worker) is read again,
   * not left out: an entry marked escalated without its reminder would be one lost.
   */
  private async slugs(orgIds: string[]): Promise<string[]> {
    let network = await this.directory.network();
    if (orgIds.some((id) => !network.byId(id))) {
      this.directory.invalidate();
      network = await this.directory.network();
    }
    return orgIds.map((id) => {
      const org = network.byId(id);
      if (!org) throw new Error(`organisation ${id} has an inbox entry but is not in the network`);
      return org.slug;
    });
  }
}
