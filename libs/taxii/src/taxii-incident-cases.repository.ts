import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PolicyFields } from './read-decisions.js';

export interface CaseAccess extends PolicyFields {
  id: string;
}

/**
 * TAXII's read of the `incident_cases` table owned by @isac/incidents: what the TLP policy needs
 * to decide, case by case, whether the objects a page scanned belong to the incidents collection.
 * Only the cases filing those objects are read (no access is decided in SQL).
 */
@Injectable()
export class TaxiiIncidentCasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byIds(ids: string[]): Promise<CaseAccess[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; tlp: string; reporter_org_id: string; recipient_org_ids: string[] }[] = await this.dataSource.query(
      `SELECT id, tlp, reporter_org_id, recipient_org_ids FROM incident_cases WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, tlp: r.tlp, authorOrgId: r.reporter_org_id, recipientOrgIds: r.recipient_org_ids }));
  }
}
