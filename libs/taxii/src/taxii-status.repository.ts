import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StatusDetail, StatusRecord } from './resources.js';
import { TaxiiStatusEntity } from './taxii-status.entity.js';

export interface PendingEnvelope {
  id: string;
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

  private get repo() {
    return this.dataSource.getRepository(TaxiiStatusEntity);
  }

  /** A new status with every object pending (§5.5: the answer to the POST). */
  async create(envelope: PendingEnvelope, pendings: StatusDetail[]): Promise<StatusRecord> {
    const entity = this.repo.create({ ...envelope, status: 'pending', successes: [], failures: [], pendings });
    return toRecord(await this.repo.save(entity));
  }

  /** The status, for the organisation that posted it only (others get nothing: 404). */
  async findForOrg(id: string, orgId: string): Promise<StatusRecord | null> {
    const entity = await this.repo.findOne({ where: { id, requestedByOrgId: orgId } });
    return entity ? toRecord(entity) : null;
  }

  /** The envelope still to process, or null when it has been processed already (a retried job). */
  async pendingEnvelope(id: string): Promise<PendingEnvelope | null> {
    const entity = await this.repo.findOne({ where: { id, status: 'pending' } });
    if (!entity || entity.objects === null) return null;
    return { id: entity.id, collectionId: entity.collectionId, requestedByOrgId: entity.requestedByOrgId, requestedByKeyId: entity.requestedByKeyId, objects: entity.objects };
  }

  /** Completes a status in one statement: every pending object moves to successes or failures. */
  async complete(id: string, successes: StatusDetail[], failures: StatusDetail[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE taxii_status SET status = 'complete', successes = $2::json, failures = $3::json, pendings = '[]'::json, objects = NULL WHERE id = $1 AND status = 'pending'`,
      [id, JSON.stringify(successes), JSON.stringify(failures)],
    );
  }

  /** Statuses still pending since before `olderThan`: jobs lost with Redis, to re-drive. */
  async stalled(olderThan: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM taxii_status WHERE status = 'pending' AND request_timestamp < $1`, [olderThan]);
    return rows.map((r) => r.id);
  }
}
