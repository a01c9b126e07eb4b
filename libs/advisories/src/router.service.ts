import { Injectable } from '@nestjs/common';
import { NetworkDirectory } from '@isac/organisations';
import { AdvisoryRepository } from './advisory.repository.js';
import { inboxRecipients } from './audience.js';
import { DeliveryRepository } from './delivery.repository.js';
import { PushScheduler } from './push-scheduler.service.js';
import { RouteBatcher } from './route-batcher.js';

export interface RouteResult {
  recipients: number;
  newEntries: number;
}

/** DESIGN §5.3-4: resolves the recipients through the TLP policy, writes the inbox entries, queues the pushes. */
@Injectable()
export class RouterService {
  // route jobs running at the same time share one statement: a job completes only once its rows are committed
  private readonly batcher = new RouteBatcher<RouteResult>((ids) => this.routeMany(ids));

  constructor(
    private readonly advisories: AdvisoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly directory: NetworkDirectory,
    private readonly pushes: PushScheduler,
  ) {}

  /** Safe to run any number of times for the same advisory: entries are unique, pushes keyed by entry. */
  route(advisoryId: string): Promise<RouteResult> {
    return this.batcher.submit(advisoryId);
  }

  private async routeMany(advisoryIds: string[]): Promise<Map<string, RouteResult>> {
    const advisories = await this.advisories.routingFacts(advisoryIds);
    let network = await this.directory.network();
    let recipients = new Map(advisories.map((a) => [a.id, inboxRecipients(a, network)]));
    // the policy lets every named recipient read, so one left out is one this process's directory
    // does not know yet (added in the last seconds): look again with the directory reloaded. Counting
    // first keeps the 16,000 lookups of a large fan-out off the common path.
    if (advisories.some((a) => recipients.get(a.id)!.length < a.recipientOrgIds.length - (a.recipientOrgIds.includes(a.authorOrgId) ? 1 : 0))) {
      network = await this.directory.networkKnowing(advisories.flatMap((a) => a.recipientOrgIds));
      recipients = new Map(advisories.map((a) => [a.id, inboxRecipients(a, network)]));
    }
    // entries of every advisory and their `routed` marks in one statement: all or nothing
    const firstTime = advisories.every((a) => !a.routed);
    const written = new Map((await this.deliveries.insertAndMarkRouted(recipients, { firstTime })).map((w) => [w.advisoryId, w]));
    const pending = [...written.values()].flatMap((w) => w.pendingPushes);
    // a crash right here leaves pushes `pending` in PostgreSQL: the reconciler queues them again
    if (pending.length) await this.pushes.schedule(pending, network);
    const results = new Map<string, RouteResult>();
    for (const id of advisoryIds) results.set(id, { recipients: recipients.get(id)?.length ?? 0, newEntries: written.get(id)?.newEntries ?? 0 });
    return results;
  }
}
