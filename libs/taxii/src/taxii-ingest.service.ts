import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdvisoriesService } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService, type StorageCheck } from '@isac/stix-store';
import { collectionsFor } from './collections.js';
import { audienceOf, decideOutcome, detailOf, type Accepted } from './envelope-outcome.js';
import type { StatusDetail } from './resources.js';
import { networkView } from './taxii-collections.service.js';
import { TaxiiStatusRepository } from './taxii-status.repository.js';

/** Rounds of validation: objects failing may leave others referring to them, found in the next round. */
const MAX_ROUNDS = 4;

/**
 * Processes one POSTed envelope in the worker (§5.5): validation by the store (libs/stix and what
 * only the store can tell), the hub's marking rules, storage in one transaction, then one advisory
 * per TLP to the collection's audience (DESIGN §5), and the status completed in one statement.
 */
@Injectable()
export class TaxiiIngestService {
  private readonly logger = new Logger('TaxiiIngest');

  constructor(
    private readonly statuses: TaxiiStatusRepository,
    private readonly store: StixStoreService,
    private readonly advisories: AdvisoriesService,
    private readonly directory: NetworkDirectory,
    private readonly dataSource: DataSource,
  ) {}

  /** Processes envelopes still pending since before `olderThan`; processing is idempotent, so a job still alive does no harm. */
  async redriveStalled(olderThan: Date): Promise<number> {
    const stalled = await this.statuses.stalled(olderThan);
    for (const id of stalled) await this.process(id);
    return stalled.length;
  }

  async process(statusId: string): Promise<void> {
    const envelope = await this.statuses.pendingEnvelope(statusId);
    if (envelope === null) return; // done already: a retried or duplicated job
    const network = await this.directory.network();
    const org = network.byId(envelope.requestedByOrgId);
    const collection = collectionsFor(networkView(network), org ? { orgId: org.id, kind: org.kind, sector: org.sector ?? null, mayPublish: true } : null).find(
      (c) => c.id === envelope.collectionId,
    );
    if (!org || !collection || !collection.canWrite) {
      const reason = 'The organisation may no longer add objects to this collection.';
      await this.statuses.complete(statusId, [], envelope.objects.map((o) => ({ ...detailOf(o), message: reason })));
      return;
    }
    const { accepted, failures } = await this.dataSource.transaction(async (manager) => {
      let candidates: unknown[] = envelope.objects;
      const failed: StatusDetail[] = [];
      let accepted: Accepted[] = [];
      let settled = false;
      // the store's check of the last round: its candidates are the objects accepted
      let checked: StorageCheck | undefined;
      for (let round = 0; round < MAX_ROUNDS && !settled; round++) {
        const validated = await this.store.validateForStorage({ type: 'bundle', id: `bundle--${statusId}`, objects: candidates }, { orgId: org.id }, manager);
        const report = validated.report;
        checked = validated.checked;
        const outcome = decideOutcome(candidates, report.errors, collection);
        failed.push(...outcome.failures);
        accepted = outcome.accepted;
        candidates = accepted.map((a) => a.object);
        settled = outcome.failures.length === 0;
      }
      if (!settled) {
        failed.push(...accepted.map((a) => ({ ...a.detail, message: 'Not stored: the envelope kept failing validation as objects it refers to failed.' })));
        accepted = [];
      }
      if (accepted.length > 0) {
        await this.store.store(accepted.map((a) => a.object), { authorOrgId: org.id, recipientOrgIds: collection.audienceOrgIds, tlp: undefined }, manager, checked);
      }
      return { accepted, failures: failed };
    });
    await this.publishAdvisories(statusId, org.id, collection.alias, audienceOf(collection), accepted);
    await this.statuses.complete(statusId, accepted.map((a) => a.detail), failures);
  }

  /** One advisory per marking, idempotent per status and marking (a retried job publishes nothing twice). */
  private async publishAdvisories(statusId: string, orgId: string, alias: string, audience: ReturnType<typeof audienceOf>, accepted: Accepted[]): Promise<void> {
    const byTlp = new Map<string, Record<string, unknown>[]>();
    for (const a of accepted) byTlp.set(a.tlp, [...(byTlp.get(a.tlp) ?? []), a.object]);
    for (const [tlp, objects] of byTlp) {
      try {
        await this.advisories.publish(
          { system: true, organisationId: orgId },
          {
            title: `${objects.length} STIX object${objects.length === 1 ? '' : 's'} added to the TAXII collection ${alias}`,
            body: `Added through TAXII 2.1 (status ${statusId}).`,
            severity: 'info',
            tlp,
            audience,
            stix: objects,
          },
          { idempotencyKey: `taxii-${statusId}-${tlp}` },
        );
      } catch (error) {
        // the objects are stored and readable through TAXII and REST; the advisory is a notification
        this.logger.warn({ msg: 'advisory for TAXII objects not published', statusId, tlp, err: String(error) });
      }
    }
  }
}
