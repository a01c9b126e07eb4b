import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import type { AdvisoryMatch } from './advisory.types.js';

/** The only code that reads `advisory_matches`; every read names the one organisation whose matches it answers. */
@Injectable()
export class AdvisoryMatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** What `orgId`'s own register matched, per advisory (only the advisories that matched it). */
  async matchesOf(orgId: string, advisoryIds: string[]): Promise<Map<string, AdvisoryMatch[]>> {
    if (advisoryIds.length === 0) return new Map();
    const rows: { advisory_id: string; matched: AdvisoryMatch[] }[] = await currentManager(this.dataSource).query(
      `SELECT advisory_id, matched FROM advisory_matches WHERE org_id = $1 AND advisory_id = ANY($2::uuid[])`,
      [orgId, advisoryIds],
    );
    return new Map(rows.map((r) => [r.advisory_id, r.matched]));
  }
}
