import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import type { AdvisoryKind } from './advisory.types.js';

/** One inbox entry with the marking facts of its advisory: what the TLP policy needs to tell who may hear of it. */
export interface DeliveryFactRow {
  advisoryId: string;
  recipientOrgId: string;
  authorOrgId: string;
  tlp: string | null;
  recipientOrgIds: string[];
  kind: AdvisoryKind;
  /** issue 18: recipients the author's receipts count but do not name */
  unnamedOrgIds: string[];
}

const FACT_COLUMNS = `d.advisory_id, d.org_id, a.author_org_id, a.tlp, a.recipient_org_ids, a.kind, a.exposure->'unnamedOrgIds' AS unnamed_org_ids`;
type FactRow = {
  advisory_id: string;
  org_id: string;
  author_org_id: string;
  tlp: string | null;
  recipient_org_ids: string[];
  kind: AdvisoryKind;
  unnamed_org_ids: string[] | null;
};

const toFact = (r: FactRow): DeliveryFactRow => ({
  advisoryId: r.advisory_id,
  recipientOrgId: r.org_id,
  authorOrgId: r.author_org_id,
  tlp: r.tlp,
  recipientOrgIds: r.recipient_org_ids,
  kind: r.kind,
  unnamedOrgIds: r.unnamed_org_ids ?? [],
});

/**
 * The read model @isac/advisories offers the event stream over `deliveries` and `advisories`: the
 * facts of the entries a NOTIFY of the deliveries triggers names, for the organisations listening
 * only. No access is decided here; the caller asks the TLP policy about each before anyone hears.
 */
@Injectable()
export class DeliveryFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Changed entries (advisory, organisation) whose recipient or author is in `orgIds`. */
  async changedEntries(entries: { advisoryId: string; orgId: string }[], orgIds: string[]): Promise<DeliveryFactRow[]> {
    const rows: FactRow[] = await currentManager(this.dataSource).query(
      `SELECT ${FACT_COLUMNS}
         FROM unnest($1::uuid[], $2::uuid[]) AS e(advisory_id, org_id)
         JOIN deliveries d ON d.advisory_id = e.advisory_id AND d.org_id = e.org_id
         JOIN advisories a ON a.id = d.advisory_id
        WHERE d.org_id = ANY($3::uuid[]) OR a.author_org_id = ANY($3::uuid[])`,
      [entries.map((e) => e.advisoryId), entries.map((e) => e.orgId), orgIds],
    );
    return rows.map(toFact);
  }

  /**
   * The entries these advisories got in the statement that wrote them at `at` (delivered_at is its
   * now(), to the millisecond) whose recipient is in `orgIds`; and, once per advisory whose author
   * is in `orgIds`, that it reached others (not the 16,000 rows of a fan-out for a count nobody shows).
   */
  async insertedEntries(
    advisoryIds: string[],
    at: string,
    orgIds: string[],
  ): Promise<{ entries: DeliveryFactRow[]; delivered: { advisoryId: string; authorOrgId: string }[] }> {
    const params = [advisoryIds, at, orgIds];
    const db = currentManager(this.dataSource);
    const [rows, authored]: [FactRow[], { advisory_id: string; author_org_id: string }[]] = await Promise.all([
      db.query(
        `SELECT ${FACT_COLUMNS} FROM deliveries d JOIN advisories a ON a.id = d.advisory_id
          WHERE d.advisory_id = ANY($1::uuid[]) AND d.delivered_at = $2::timestamptz(3) AND d.org_id = ANY($3::uuid[])`,
        params,
      ),
      db.query(
        `SELECT a.id AS advisory_id, a.author_org_id FROM advisories a
          WHERE a.id = ANY($1::uuid[]) AND a.author_org_id = ANY($3::uuid[])
            AND EXISTS (SELECT 1 FROM deliveries d WHERE d.advisory_id = a.id AND d.delivered_at = $2::timestamptz(3) AND d.org_id <> a.author_org_id)`,
        params,
      ),
    ]);
    return { entries: rows.map(toFact), delivered: authored.map((r) => ({ advisoryId: r.advisory_id, authorOrgId: r.author_org_id })) };
  }
}
