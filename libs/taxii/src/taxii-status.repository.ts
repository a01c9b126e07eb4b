import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager, inTransaction } from '@isac/unit-of-work';
import type { StatusDetail, StatusRecord } from './resources.js';
import { TaxiiStatusEntity } from './taxii-status.entity.js';

export interface PendingEnvelope {
  id: string;
  requestTimestamp: Date;
  collectionId: string;
  requestedByOrgId: string;
  requestedByKeyId: string;
  objects: Record<string, unknown>[];
}

const toRecord = (e: TaxiiStatusEntity): StatusRecord => ({
  id: e.id,
  status: e.status,
  requestTimestamp: e.requestTimestamp.toISOString(),
  successes: e.successes,
  failures: e.failures,
  pendings: e.pendings,
});

/** The taxii_status table: one row per POSTed envelope (§4.3, §5.5). */
@Injectable()
export class TaxiiStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db() {
    return currentManager(this.dataSource);
  }

  private get repo() {
    return this.db.getRepository(TaxiiStatusEntity);
  }

  /** A new status with every object pending (§5.5: the answer to the POST). */
  async create(envelope: Omit<PendingEnvelope, 'requestTimestamp'>, pendings: StatusDetail[]): Promise<StatusRecord> {
    const entity = this.repo.create({ ...envelope, status: 'pending', successes: [], failures: [], pendings });
    return toRecord(await this.repo.save(entity));
  }

  /** The status, for the organisation that posted it only (others get nothing: 404). */
  async findForOrg(id: string, orgId: string): Promise<StatusRecord | null> {
    const entity = await this.repo.findOne({ where: { id, requestedByOrgId: orgId } });
    return entity ? toRecord(entity) : null;
  }

  /**
   * The objects still to process, or null when none are (a retried job). In a unit of work, the
   * status is locked until it ends: two jobs of one envelope (its own and a wake-up by a later
   * envelope) take turns, and the second sees what the first left pending.
   */
  async pendingEnvelope(id: string): Promise<PendingEnvelope | null> {
    const rows: {
      id: string;
      request_timestamp: Date;
      collection_id: string;
      requested_by_org_id: string;
      requested_by_key_id: string;
      objects: Record<string, unknown>[] | null;
    }[] = await this.db.query(
      `SELECT id, request_timestamp, collection_id, requested_by_org_id, requested_by_key_id, objects FROM taxii_status WHERE id = $1 AND status = 'pending'
       ${inTransaction(this.dataSource) ? 'FOR UPDATE' : ''}`,
      [id],
    );
    const e = rows[0];
    if (!e || e.objects === null) return null;
    return {
      id: e.id,
      requestTimestamp: e.request_timestamp,
      collectionId: e.collection_id,
      requestedByOrgId: e.requested_by_org_id,
      requestedByKeyId: e.requested_by_key_id,
      objects: e.objects,
    };
  }

  /**
   * Records what became of the objects processed: they join the successes and failures; those in
   * `waiting` stay pending (and are processed again), and the status completes when none are left.
   */
  async record(
    id: string,
    successes: StatusDetail[],
    failures: StatusDetail[],
    waiting: { details: StatusDetail[]; objects: Record<string, unknown>[] } | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE taxii_status SET status = $4, successes = (successes::jsonb || $2::jsonb)::json, failures = (failures::jsonb || $3::jsonb)::json,
         pendings = $5::json, objects = $6::json WHERE id = $1 AND status = 'pending'`,
      [
        id,
        JSON.stringify(successes),
        JSON.stringify(failures),
        waiting ? 'pending' : 'complete',
        JSON.stringify(waiting?.details ?? []),
        waiting ? JSON.stringify(waiting.objects) : null,
      ],
    );
  }

  /** Completes a status in one statement: every pending object moves to successes or failures. */
  complete(id: string, successes: StatusDetail[], failures: StatusDetail[]): Promise<void> {
    return this.record(id, successes, failures, null);
  }

  /** The other statuses of this organisation with objects still pending: a later envelope may have brought what they wait for. */
  async pendingOf(orgId: string, exceptId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM taxii_status WHERE status = 'pending' AND requested_by_org_id = $1 AND id <> $2`, [
      orgId,
      exceptId,
    ]);
    return rows.map((r) => r.id);
  }

  /** Statuses still pending since before `olderThan`: jobs lost with Redis, to re-drive. */
  async stalled(olderThan: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM taxii_status WHERE status = 'pending' AND request_timestamp < $1`, [olderThan]);
    return rows.map((r) => r.id);
  }
}
