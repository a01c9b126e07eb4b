import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';

/** What the TLP policy needs to decide whether an organisation may read a case (no access is decided here). */
export interface CaseAccess {
  id: string;
  tlp: string;
  /** the reporter: the case's author for the policy */
  authorOrgId: string;
  recipientOrgIds: string[];
}

/** What the TLP policy needs to decide who may read a message of a case's conversation. */
export interface MessageAccess {
  id: string;
  caseId: string;
  tlp: string;
  authorOrgId: string;
  recipientOrgIds: string[];
}

/**
 * The read model @isac/incidents offers other contexts over its tables: the marking fields of
 * cases and messages (the event stream, TAXII's incidents collection), which cases filed which
 * STIX ids, and how many are overdue (the API's metrics). Callers pass every case and message
 * through the TLP policy before anyone hears of it.
 */
@Injectable()
export class IncidentCaseAccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async casesByIds(ids: string[]): Promise<CaseAccess[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; tlp: string; reporter_org_id: string; recipient_org_ids: string[] }[] = await currentManager(this.dataSource).query(
      `SELECT id, tlp, reporter_org_id, recipient_org_ids FROM incident_cases WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, tlp: r.tlp, authorOrgId: r.reporter_org_id, recipientOrgIds: r.recipient_org_ids }));
  }

  /** Real cases with a report past its deadline (an exercise's run no real clock, issue 19). */
  async countOverdue(): Promise<number> {
    const [row]: { overdue: number }[] = await currentManager(this.dataSource).query(
      `SELECT count(*)::int AS overdue FROM incident_cases WHERE next_due_at < now() AND exercise_id IS NULL`,
    );
    return row!.overdue;
  }

  async messageById(id: string): Promise<MessageAccess | null> {
    const [row]: { id: string; case_id: string; tlp: string; author_org_id: string; recipient_org_ids: string[] }[] = await currentManager(
      this.dataSource,
    ).query(`SELECT id, case_id, tlp, author_org_id, recipient_org_ids FROM incident_messages WHERE id = $1`, [id]);
    return row ? { id: row.id, caseId: row.case_id, tlp: row.tlp, authorOrgId: row.author_org_id, recipientOrgIds: row.recipient_org_ids } : null;
  }

  /**
   * The cases whose reports filed each of these STIX ids (incident_timeline.object_ids). `&&` finds
   * the reports naming any of them through the GIN index on object_ids; the unnest then says which
   * id each names.
   */
  async casesFiling(stixIds: string[]): Promise<Map<string, string[]>> {
    const filing = new Map<string, string[]>();
    if (stixIds.length === 0) return filing;
    const rows: { stix_id: string; case_ids: string[] }[] = await currentManager(this.dataSource).query(
      `SELECT f.stix_id, array_agg(DISTINCT t.case_id) AS case_ids
       FROM incident_timeline t CROSS JOIN LATERAL unnest(t.object_ids) AS f(stix_id)
       WHERE t.object_ids && $1::text[] AND f.stix_id = ANY($1::text[]) GROUP BY f.stix_id`,
      [stixIds],
    );
    for (const r of rows) filing.set(r.stix_id, r.case_ids);
    return filing;
  }
}
