import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { QueueProducer } from '@isac/messaging';
import { AdvisoriesService } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { StixStoreService, type StorageCheck } from '@isac/stix-store';
import { UnitOfWork } from '@isac/unit-of-work';
import { collectionsFor, type CollectionDefinition } from './collections.js';
import { audienceOf, decideOutcome, detailOf, type Accepted, type Outcome } from './envelope-outcome.js';
import { TAXII_QUEUE, waitingJobId, wokenJobId } from './queues.js';
import type { StatusDetail } from './resources.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { TaxiiStatusRepository } from './taxii-status.repository.js';

/** Rounds of validation: objects failing may leave others referring to them, found in the next round. */
const MAX_ROUNDS = 4;
/** How soon objects waiting for a marking definition are tried again (an envelope storing one also wakes them at once). */
const PENDING_RETRY_MS = 2_000;

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
    private readonly unitOfWork: UnitOfWork,
    private readonly producer: QueueProducer,
    private readonly config: AppConfig,
    private readonly collections: TaxiiCollectionsService,
  ) {}

  /** Processes envelopes still pending since before `olderThan`; processing is idempotent, so a job still alive does no harm. */
  async redriveStalled(olderThan: Date): Promise<number> {
    const stalled = await this.statuses.stalled(olderThan);
    for (const id of stalled) await this.process(id);
    return stalled.length;
  }

  async process(statusId: string): Promise<void> {
    const network = await this.directory.network();
    const done = await this.unitOfWork.run(async () => {
      const envelope = await this.statuses.pendingEnvelope(statusId);
      if (envelope === null) return null; // done already: a retried or duplicated job
      const org = network.byId(envelope.requestedByOrgId);
      const collection = collectionsFor(
        this.collections.view(network),
        org ? { orgId: org.id, kind: org.kind, sector: org.sector ?? null, mayPublish: true } : null,
      ).find((c) => c.id === envelope.collectionId);
      if (!org || !collection || !collection.canWrite) {
        const reason = 'The organisation may no longer add objects to this collection.';
        await this.statuses.record(
          statusId,
          [],
          envelope.objects.map((o) => ({ ...detailOf(o), message: reason })),
          null,
        );
        return null;
      }
      const { accepted, failures, waiting, checked } = await this.validated(statusId, envelope.objects, org.id, collection);
      if (accepted.length > 0) {
        await this.store.store(
          accepted.map((a) => a.object),
          { authorOrgId: org.id, recipientOrgIds: [...collection.audienceOrgIds], tlp: collection.defaultMarking },
          checked,
        );
      }
      // objects waiting for a marking definition stay pending a bounded time, then fail (fail closed)
      const waitOver = Date.now() - envelope.requestTimestamp.getTime() >= this.config.TAXII_PENDING_WAIT_MS;
      const stillWaiting = waitOver
        ? null
        : waiting.length > 0
          ? { details: waiting.map((w) => w.detail), objects: waiting.map((w) => envelope.objects[w.index]) }
          : null;
      const failed = waitOver
        ? [
            ...failures,
            ...waiting.map((w) => ({ ...w.detail, message: `${w.detail.message} (no envelope brought it within ${this.config.TAXII_PENDING_WAIT_MS} ms)` })),
          ]
        : failures;
      await this.statuses.record(
        statusId,
        accepted.map((a) => a.detail),
        failed,
        stillWaiting,
      );
      return { org, collection, accepted, waiting: stillWaiting !== null };
    });
    if (done === null) return;
    if (done.waiting) await this.producer.add(TAXII_QUEUE, 'add-objects', { statusId }, { jobId: waitingJobId(statusId, Date.now()), delay: PENDING_RETRY_MS });
    if (done.accepted.length > 0) {
      // what this envelope stored may be what an earlier one of the same organisation waits for
      for (const id of await this.statuses.pendingOf(done.org.id, statusId))
        await this.producer.add(TAXII_QUEUE, 'add-objects', { statusId: id }, { jobId: wokenJobId(id, statusId) });
    }
    await this.publishAdvisories(
      statusId,
      done.org.id,
      done.collection.alias,
      audienceOf(done.collection),
      done.accepted.filter((a) => !a.markingDefinition),
    );
  }

  /** Validation by the store in rounds: objects failing may leave others referring to them, found in the next round. */
  private async validated(statusId: string, objects: Record<string, unknown>[], orgId: string, collection: CollectionDefinition) {
    let candidates: unknown[] = objects;
    const failed: StatusDetail[] = [];
    let accepted: Accepted[] = [];
    let waiting: Outcome['waiting'] = [];
    let settled = false;
    // the store's check of the last round: its candidates are the objects accepted
    let checked: StorageCheck | undefined;
    // positions in the envelope of the candidates of each round
    let positions = objects.map((_, i) => i);
    for (let round = 0; round < MAX_ROUNDS && !settled; round++) {
      const validated = await this.store.validateForStorage(
        { type: 'bundle', id: `bundle--${statusId}`, objects: candidates },
        { orgId, tlp: collection.defaultMarking },
      );
      checked = validated.checked;
      const outcome = decideOutcome(candidates, validated.report.errors, collection);
      failed.push(...outcome.failures);
      waiting.push(...outcome.waiting.map((w) => ({ ...w, index: positions[w.index] })));
      accepted = outcome.accepted;
      const kept = new Set(accepted.map((a) => a.object));
      positions = positions.filter((_, i) => kept.has(candidates[i] as Record<string, unknown>));
      candidates = accepted.map((a) => a.object);
      settled = outcome.failures.length === 0 && outcome.waiting.length === 0;
    }
    if (!settled) {
      failed.push(...accepted.map((a) => ({ ...a.detail, message: 'Not stored: the envelope kept failing validation as objects it refers to failed.' })));
      accepted = [];
    }
    return { accepted, failures: failed, waiting, checked };
  }

  /** One advisory per marking, idempotent per status and marking (a retried job publishes nothing twice). */
  private async publishAdvisories(
    statusId: string,
    orgId: string,
    alias: string,
    audience: ReturnType<typeof audienceOf>,
    accepted: Accepted[],
  ): Promise<void> {
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
