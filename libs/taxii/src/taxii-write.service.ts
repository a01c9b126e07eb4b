import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { QueueProducer } from '@isac/messaging';
import { StixStoreService } from '@isac/stix-store';
import { detailOf } from './envelope-outcome.js';
import { addObjectsJobId, TAXII_QUEUE } from './queues.js';
import { statusResource } from './resources.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { TaxiiReadService } from './taxii-read.service.js';
import { taxiiErrors } from './taxii-error.js';
import { TaxiiStatusRepository } from './taxii-status.repository.js';

/** §5.5 add objects (answered 202 with a status, processed by the worker), §5.7 delete and §4.3 get status. */
@Injectable()
export class TaxiiWriteService {
  constructor(
    private readonly collections: TaxiiCollectionsService,
    private readonly statuses: TaxiiStatusRepository,
    private readonly producer: QueueProducer,
    private readonly reads: TaxiiReadService,
    private readonly store: StixStoreService,
  ) {}

  /**
   * §5.7 delete an object (the versions matching the filters) — for its author only: the caller
   * must have can_read and can_write on the collection (§5.7's table: 404 with neither, 403 with
   * one) and its organisation must have submitted every matched version; what the caller may not
   * read is not found (404), never forbidden.
   */
  async deleteObject(principal: Principal | null, collectionId: string, objectId: string, query: Record<string, unknown>): Promise<void> {
    await this.collections.require(principal, collectionId, 'delete');
    const rows = await this.reads.rowsToDelete(principal, collectionId, objectId, query);
    // DESIGN §2 ownership: a delete removes the caller's own copy; another organisation's copy of the same id stays as it is
    const own = rows.filter((r) => r.authorOrgId === principal!.organisation.id);
    if (own.length === 0)
      throw taxiiErrors.forbidden(`Only the author may delete ${objectId}; every matching version you may read was submitted by another organisation.`);
    await this.deleteVersions(
      objectId,
      principal!.organisation.id,
      own.map((r) => r.version),
    );
  }

  /**
   * Deletes these versions of one owner's copy of an id (the store owns them: StixStoreService.deleteVersions
   * takes the id's lock, in the caller's unit of work or one of its own): a store of the same id
   * waits for the delete, or the delete for it, so exactly one version stays current — the latest remaining.
   */
  deleteVersions(stixId: string, ownerOrgId: string, versions: string[]): Promise<number> {
    return this.store.deleteVersions(stixId, ownerOrgId, versions);
  }

  async addObjects(principal: Principal | null, collectionId: string, body: unknown) {
    const collection = await this.collections.require(principal, collectionId, 'write');
    const objects = envelopeObjects(body);
    const status = await this.statuses.create(
      { id: randomUUID(), collectionId: collection.id, requestedByOrgId: principal!.organisation.id, requestedByKeyId: principal!.keyId, objects },
      objects.map(detailOf),
    );
    // job id = status id: a second add of the same job is ignored by BullMQ
    await this.producer.add(TAXII_QUEUE, 'add-objects', { statusId: status.id }, { jobId: addObjectsJobId(status.id) });
    return statusResource(status);
  }

  /** §4.3: a status is visible to the organisation that posted the envelope; to others it does not exist. */
  async status(principal: Principal | null, id: string) {
    if (principal === null) throw taxiiErrors.unauthenticated('Send the API key that posted the envelope to read its status.');
    const status = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
      ? await this.statuses.findForOrg(id, principal.organisation.id)
      : null;
    if (status === null) throw taxiiErrors.notFound(`There is no status ${id} for your organisation.`);
    return statusResource(status);
  }
}

/** §3.7: an envelope is an object whose optional `objects` is a list of STIX objects. */
function envelopeObjects(body: unknown): Record<string, unknown>[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw taxiiErrors.badRequest('The body must be a TAXII envelope: {"objects": [...]}.');
  const objects = (body as { objects?: unknown }).objects;
  if (!Array.isArray(objects) || objects.length === 0) {
    throw taxiiErrors.unprocessable('The envelope carries no objects: "objects" must be a non-empty list of STIX objects.', { pointer: '/objects' });
  }
  const notObject = objects.findIndex((o) => typeof o !== 'object' || o === null || Array.isArray(o));
  if (notObject >= 0) throw taxiiErrors.unprocessable(`objects[${notObject}] is not a STIX object.`, { pointer: `/objects/${notObject}` });
  return objects as Record<string, unknown>[];
}
