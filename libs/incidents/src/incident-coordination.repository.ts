import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import { IncidentLinkEntity } from './incident-link.entity.js';
import { IncidentMessageEntity } from './incident-message.entity.js';
import type { LinkKey, LinkReason } from './link-keys.js';

/** A case linked to another, seen from one of them. */
export interface CaseLink {
  caseId: string;
  linkedCaseId: string;
  relationship: string;
  reasons: LinkReason[];
  createdByOrgId: string | null;
  createdAt: Date;
}

const pairOf = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** The tables of a case's coordination (issue 17): its conversation, its links and what links it. */
@Injectable()
export class IncidentCoordinationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  async addMessage(message: Omit<IncidentMessageEntity, 'id' | 'createdAt'>): Promise<IncidentMessageEntity> {
    const repo = this.db.getRepository(IncidentMessageEntity);
    return repo.save(repo.create(message));
  }

  /** The case's conversation, oldest first (the caller applies the TLP policy to each message). */
  messagesOf(caseId: string): Promise<IncidentMessageEntity[]> {
    return this.db.getRepository(IncidentMessageEntity).find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Records what the case can be linked by; answers the other cases holding any of the same keys, with the keys they share. */
  async addKeysAndMatch(caseId: string, keys: LinkKey[]): Promise<Map<string, LinkReason[]>> {
    const matches = new Map<string, LinkReason[]>();
    if (keys.length === 0) return matches;
    const m = this.db;
    await m.query(
      `INSERT INTO incident_case_keys (case_id, key_hash, basis, value)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[]) ON CONFLICT DO NOTHING`,
      [caseId, keys.map((k) => k.keyHash), keys.map((k) => k.basis), keys.map((k) => k.value)],
    );
    const rows: { case_id: string; basis: LinkReason['basis']; value: string }[] = await m.query(
      `SELECT case_id, basis, value FROM incident_case_keys WHERE key_hash = ANY($1::varchar[]) AND case_id <> $2 ORDER BY case_id, basis, value`,
      [keys.map((k) => k.keyHash), caseId],
    );
    for (const r of rows) matches.set(r.case_id, [...(matches.get(r.case_id) ?? []), { basis: r.basis, value: r.value }]);
    return matches;
  }

  /**
   * Links the two cases (once per pair), adding the reasons it did not hold yet; answers whether
   * the link is new or gained a reason (what is worth a notice).
   */
  async link(x: string, y: string, reasons: LinkReason[], createdByOrgId: string | null): Promise<{ changed: boolean }> {
    const [a, b] = pairOf(x, y);
    const rows: { reasons: LinkReason[]; before: LinkReason[] | null }[] = await this.db.query(
      `WITH before AS (SELECT reasons FROM incident_case_links WHERE case_a_id = $1 AND case_b_id = $2)
       INSERT INTO incident_case_links (case_a_id, case_b_id, relationship, reasons, created_by_org_id)
       VALUES ($1, $2, 'related-to', $3::jsonb, $4)
       ON CONFLICT (case_a_id, case_b_id) DO UPDATE SET reasons = (
         SELECT coalesce(jsonb_agg(DISTINCT r), '[]'::jsonb) FROM jsonb_array_elements(incident_case_links.reasons || EXCLUDED.reasons) AS r)
       RETURNING reasons, (SELECT reasons FROM before) AS before`,
      [a, b, JSON.stringify(reasons), createdByOrgId],
    );
    const [row] = rows;
    return { changed: row.before === null || row.before.length !== row.reasons.length };
  }

  /** Every link of the case, seen from it. */
  async linksOf(caseId: string): Promise<CaseLink[]> {
    const rows = await this.db
      .getRepository(IncidentLinkEntity)
      .createQueryBuilder('l')
      .where('l.case_a_id = :caseId OR l.case_b_id = :caseId', { caseId })
      .orderBy('l.created_at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany();
    return rows.map((l) => ({
      caseId,
      linkedCaseId: l.caseAId === caseId ? l.caseBId : l.caseAId,
      relationship: l.relationship,
      reasons: l.reasons,
      createdByOrgId: l.createdByOrgId,
      createdAt: l.createdAt,
    }));
  }
}
