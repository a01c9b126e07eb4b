import { Injectable } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { AdvisoryRepository } from './advisory.repository.js';
import { inboxRecipients } from './audience.js';
import { DeliveryRepository } from './delivery.repository.js';
import { PushScheduler } from './push-scheduler.service.js';

/** DESIGN §5.3-4: resolves the recipients through the TLP policy, writes every inbox entry at once, queues the pushes. */
@Injectable()
export class RouterService {
  constructor(
    private readonly advisories: AdvisoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly directory: NetworkDirectory,
    private readonly pushes: PushScheduler,
  ) {}

  /** Safe to run any number of times for the same advisory: entries are unique, pushes keyed by entry. */
  async route(advisoryId: string): Promise<{ recipients: number; newEntries: number }> {
    const advisory = await this.advisories.findById(advisoryId);
    if (!advisory) return { recipients: 0, newEntries: 0 };
    const network = await this.directory.network();
    const recipients = inboxRecipients(advisory, network);
    const created = await this.deliveries.insertForAdvisory(advisory.id, recipients);
    await this.pushes.schedule(await this.deliveries.pendingPushes(advisory.id), network);
    await this.advisories.markRouted(advisory.id);
    return { recipients: recipients.length, newEntries: created.length };
  }
}
