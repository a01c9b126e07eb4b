import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { currentManager, inTransaction } from '@isac/unit-of-work';
import { NETWORK_WIDE_LABELS } from '@isac/tlp';
import { uuidV7 } from './uuid-v7.js';
import { AdvisoryEntity } from './advisory.entity.js';
import { UNKNOWN_SECTOR, type OrganisationSectors } from './delivery.repository.js';
import type { RecipientMatches } from './audience.js';

export type NewAdvisory = Omit<AdvisoryEntity, 'id' | 'createdAt' | 'relayedAt' | 'routedAt' | 'routeRedrives'>;

export interface AdvisoryCursor {
  createdAt: string;
  id: string;
}

export interface AdvisoryFilter {
  kind?: string;
  severity?: string;
  tlp?: string;
  authorOrgId?: string;
}

@Injectable()
export class AdvisoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  /**
   * The advisory and its outbox row in one transaction (DESIGN §5.1) — one statement, so one round
   * trip on the hot path. The id is a UUIDv7 (see uuidV7). With an idempotency key already used by the author, nothing is written
   * and the earlier advisory is returned. In a unit of work, both are written in its transaction and
   * commit with whatever else it writes (an escalation's marks and its reminder).
   */
  async insertWithOutbox(advisory: NewAdvisory, matches: readonly RecipientMatches[] = []): Promise<{ advisory: AdvisoryEntity; created: boolean }> {
    const rows = await this.prepared<{ id: string; created_at: Date }>(
      'advisory-insert-with-outbox-3',
      `WITH inserted AS (
         INSERT INTO advisories (kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids, stix,
                                 requires_ack, ack_deadline, expires_at, idempotency_key, request_hash, id, exposure, exercise_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (author_org_id, idempotency_key) DO NOTHING
         RETURNING id, created_at),
       outbox AS (INSERT INTO advisory_outbox (advisory_id) SELECT id FROM inserted),
       matches AS (INSERT INTO advisory_matches (advisory_id, org_id, matched)
                   SELECT i.id, m."orgId", m.matched FROM inserted i, jsonb_to_recordset($18::jsonb) AS m("orgId" uuid, matched jsonb))
       SELECT id, created_at FROM inserted`,
      [
        advisory.kind,
        advisory.authorOrgId,
        advisory.title,
        advisory.body,
        advisory.severity,
        advisory.tlp,
        JSON.stringify(advisory.audience),
        // as an array literal: node-postgres would quote and escape each of a network-wide audience's ids
        `{${advisory.recipientOrgIds.join(',')}}`,
        advisory.stix === null ? null : JSON.stringify(advisory.stix),
        advisory.requiresAck,
        advisory.ackDeadline,
        advisory.expiresAt,
        advisory.idempotencyKey,
        advisory.requestHash,
        // time-ordered: each advisory's inbox entries go to the right-hand end of the deliveries key
        uuidV7(),
        advisory.exposure === null ? null : JSON.stringify(advisory.exposure),
        advisory.exerciseId,
        // issue 18: what each exposed organisation's register matched, written with the advisory (or not at all)
        JSON.stringify(matches),
      ],
    );
    if (rows.length === 0) {
      // the key was used before (a concurrent first use has committed by now: the insert waited for it)
      const existing = await this.db
        .getRepository(AdvisoryEntity)
        .findOneByOrFail({ authorOrgId: advisory.authorOrgId, idempotencyKey: advisory.idempotencyKey! });
      return { advisory: existing, created: false };
    }
    const created = Object.assign(new AdvisoryEntity(), advisory, {
      id: rows[0].id,
      createdAt: rows[0].created_at,
      relayedAt: null,
      routedAt: null,
      routeRedrives: 0,
    });
    return { advisory: created, created: true };
  }

  /** Which of these (author, idempotency key) pairs were already published, as `<author>:<key>`. */
  async publishedKeys(pairs: { authorOrgId: string; idempotencyKey: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { author_org_id: string; idempotency_key: string }[] = await this.db.query(
      `SELECT a.author_org_id, a.idempotency_key FROM unnest($1::uuid[], $2::varchar[]) AS k(author_org_id, idempotency_key)
         JOIN advisories a ON a.author_org_id = k.author_org_id AND a.idempotency_key = k.idempotency_key`,
      [pairs.map((p) => p.authorOrgId), pairs.map((p) => p.idempotencyKey)],
    );
    return new Set(rows.map((r) => `${r.author_org_id}:${r.idempotency_key}`));
  }

  /**
   * A statement of the publishing hot path as a named prepared statement (parsed and planned once
   * per connection), straight on the pool TypeORM holds: every request through HTTP runs it. In a
   * transaction, on that transaction's connection.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const runner = inTransaction(this.dataSource) ? this.db.queryRunner : undefined;
    const client: Pool | PoolClient = runner ? ((await runner.connect()) as PoolClient) : (this.dataSource.driver as unknown as { master: Pool }).master;
    return (await client.query({ name, text, values })).rows as T[];
  }

  findById(id: string): Promise<AdvisoryEntity | null> {
    return this.db.getRepository(AdvisoryEntity).findOneBy({ id });
  }

  /**
   * Live alerts (requiring an acknowledgement, not expired) past their deadline with an entry still
   * to escalate, earliest deadline first. The alerts come from the partial index `advisories_ack_due`
   * (alerts requiring an acknowledgement, by expiry), so a run reads the live alerts and their
   * entries, never those of every alert ever issued.
   */
  overdueAlerts(limit = 100): Promise<AdvisoryEntity[]> {
    return this.db
      .getRepository(AdvisoryEntity)
      .createQueryBuilder('a')
      .where('a.requires_ack AND a.expires_at > now() AND a.ack_deadline < now()')
      .andWhere(`EXISTS (SELECT 1 FROM deliveries d WHERE d.advisory_id = a.id AND d.acked_at IS NULL AND d.escalated_at IS NULL AND d.via_org_id IS NULL)`)
      .orderBy('a.ack_deadline', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** What routing needs of each advisory, without the bodies and STIX objects. */
  async routingFacts(ids: string[]): Promise<(Pick<AdvisoryEntity, 'id' | 'kind' | 'tlp' | 'authorOrgId' | 'recipientOrgIds'> & { routed: boolean })[]> {
    // the recipients as one comma-separated string: splitting it is far cheaper than parsing a uuid[] literal
    const rows: { id: string; kind: AdvisoryEntity['kind']; tlp: AdvisoryEntity['tlp']; author_org_id: string; recipients: string; routed: boolean }[] =
      await this.db.query(
        `SELECT id, kind, tlp, author_org_id, array_to_string(recipient_org_ids, ',') AS recipients, routed_at IS NOT NULL AS routed FROM advisories WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      tlp: r.tlp,
      authorOrgId: r.author_org_id,
      recipientOrgIds: r.recipients === '' ? [] : r.recipients.split(','),
      routed: r.routed,
    }));
  }

  /** The newest `limit` advisories published in [since, until), newest first, and how many were published there in all. */
  async publishedBetween(since: Date | null, until: Date, kind: string | undefined, limit: number): Promise<{ rows: AdvisoryEntity[]; total: number }> {
    const period = () => {
      // exercise advisories (issue 19) never count in the period's real facts (briefings, agendas, insights)
      const query = this.db.getRepository(AdvisoryEntity).createQueryBuilder('a').where('a.created_at < :until AND a.exercise_id IS NULL', { until });
      if (since) query.andWhere('a.created_at >= :since', { since });
      if (kind) query.andWhere('a.kind = :kind', { kind });
      return query;
    };
    const [rows, total] = await Promise.all([period().orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany(), period().getCount()]);
    return { rows, total };
  }

  /**
   * The receipts of every alert `authorOrgId` issued in [since, until) that asked for
   * acknowledgement, summed per sector of the recipients (routed entries; forwards left out):
   * counted by PostgreSQL, so no number of alerts in the window drops any of them. `sectors` says
   * each organisation's (the network's); a recipient it does not name is counted under UNKNOWN_SECTOR.
   */
  async alertReceiptsBySector(
    authorOrgId: string,
    since: Date,
    until: Date,
    sectors: OrganisationSectors,
  ): Promise<{ alerts: number; perSector: { sector: string; delivered: number; acknowledged: number }[] }> {
    const alerts = `SELECT id FROM advisories WHERE kind = 'alert' AND requires_ack AND author_org_id = $1 AND created_at >= $2 AND created_at < $3 AND exercise_id IS NULL`;
    const [[{ count }], perSector]: [{ count: number }[], { sector: string; delivered: number; acknowledged: number }[]] = await Promise.all([
      this.db.query(`SELECT count(*)::int AS count FROM (${alerts}) a`, [authorOrgId, since, until]),
      this.db.query(
        `SELECT coalesce(o.sector, '${UNKNOWN_SECTOR}') AS sector, count(*)::int AS delivered, count(d.acked_at)::int AS acknowledged
           FROM (${alerts}) a JOIN deliveries d ON d.advisory_id = a.id AND d.via_org_id IS NULL
           LEFT JOIN unnest($4::uuid[], $5::text[]) AS o(id, sector) ON o.id = d.org_id
          GROUP BY 1 ORDER BY 1`,
        [authorOrgId, since, until, sectors.orgIds, sectors.sectors],
      ),
    ]);
    return { alerts: count, perSector };
  }

  /** These advisories as `reader` reads them (see forReader): its inbox page's. */
  findByIdsFor(reader: { orgId: string; parentId: string | null }, ids: string[]): Promise<AdvisoryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.forReader(reader, this.db.getRepository(AdvisoryEntity).createQueryBuilder('a').where('a.id = ANY(:ids)', { ids }));
  }

  /**
   * The rows of `query` with, of their recipients, only the reader and its parent where named —
   * all the TLP policy asks of the recipients when this reader reads (named, or a member of a named
   * unit), and the views show no recipients to readers. A network-wide advisory names every
   * organisation (30,000 in a European network): reading those arrays whole into Node, for each row
   * of a page, cost a page hundreds of milliseconds (issue 20's scale bench) where PostgreSQL
   * answers `= ANY` on them in well under one.
   */
  private async forReader(reader: { orgId: string; parentId: string | null }, query: SelectQueryBuilder<AdvisoryEntity>): Promise<AdvisoryEntity[]> {
    const columns = this.dataSource
      .getMetadata(AdvisoryEntity)
      .columns.map((c) => c.propertyName)
      .filter((p) => p !== 'recipientOrgIds');
    const { entities, raw } = await query
      .select(columns.map((c) => `a.${c}`))
      // TLP:CLEAR and GREEN are decided without the recipients: the array (hundreds of kilobytes) is not
      // even read from its TOAST then — unless STIX goes with it, whose parts may carry markings of their own
      .addSelect(
        `CASE WHEN a.tlp = ANY(CAST(:networkWide AS text[])) AND a.stix IS NULL THEN '{}'::uuid[]
              ELSE coalesce((SELECT array_agg(m) FROM unnest(CAST(:readerIds AS uuid[])) m WHERE m = ANY(a.recipient_org_ids)), '{}') END`,
        'reader_named',
      )
      .setParameter('readerIds', reader.parentId ? [reader.orgId, reader.parentId] : [reader.orgId])
      .setParameter('networkWide', NETWORK_WIDE_LABELS)
      .getRawAndEntities<{ a_id: string; reader_named: string[] }>();
    const named = new Map(raw.map((r) => [r.a_id, r.reader_named]));
    for (const entity of entities) entity.recipientOrgIds = named.get(entity.id) ?? [];
    return entities;
  }

  /**
   * Newest first, keyset-paginated. A superset of what the reader may read — items addressed to it
   * or its parent, its own, and the network-wide markings — so the page stays small; the TLP
   * policy then decides on each row (AdvisoriesService), this query decides nothing.
   */
  async pageOfCandidates(
    reader: { orgId: string; parentId: string | null },
    filter: AdvisoryFilter,
    after: AdvisoryCursor | null,
    limit: number,
  ): Promise<AdvisoryEntity[]> {
    const query = this.db
      .getRepository(AdvisoryEntity)
      .createQueryBuilder('a')
      // the marking first: an OR is tested left to right, and `&&` reads the whole recipient array of each
      // row (every organisation's id, for a network-wide advisory) where the marking alone decides
      .where(`(a.tlp = ANY(:networkWide) OR a.author_org_id = :me OR a.recipient_org_ids && :mine::uuid[])`, {
        me: reader.orgId,
        networkWide: NETWORK_WIDE_LABELS,
        mine: reader.parentId ? [reader.orgId, reader.parentId] : [reader.orgId],
      })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (after) query.andWhere('(a.created_at, a.id) < (:at::timestamptz, :id::uuid)', { at: after.createdAt, id: after.id });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.severity) query.andWhere('a.severity = :severity', { severity: filter.severity });
    if (filter.tlp) query.andWhere('a.tlp = :tlp', { tlp: filter.tlp });
    if (filter.authorOrgId) query.andWhere('a.author_org_id = :author', { author: filter.authorOrgId });
    return this.forReader(reader, query);
  }

  /**
   * The relay's step, in one statement: takes up to `limit` outbox rows (rows other relays hold are
   * skipped) and marks their advisories relayed, then hands them to `enqueue`. If that fails (Redis
   * away) they go back into the outbox; if the process dies in between, their advisories are still
   * unrouted in PostgreSQL and the reconciler re-drives them (`redriveStaleRouting`) — nothing is
   * lost, and a look at an empty outbox costs one cheap statement.
   */
  async relayOutbox(limit: number, enqueue: (items: { advisoryId: string; redrives: number }[]) => Promise<void>): Promise<number> {
    const [rows]: [{ id: string; route_redrives: number }[], number] = await this.db.query(
      `WITH taken AS (
         DELETE FROM advisory_outbox WHERE id IN (SELECT id FROM advisory_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING advisory_id)
       UPDATE advisories a SET relayed_at = now() FROM taken WHERE a.id = taken.advisory_id
       RETURNING a.id, a.route_redrives`,
      [limit],
    );
    if (rows.length === 0) return 0;
    try {
      await enqueue(rows.map((r) => ({ advisoryId: r.id, redrives: r.route_redrives })));
    } catch (error) {
      await this.db
        .query(`INSERT INTO advisory_outbox (advisory_id) SELECT unnest($1::uuid[]) ON CONFLICT (advisory_id) DO NOTHING`, [rows.map((r) => r.id)])
        .catch(() => undefined); // PostgreSQL away too: the reconciler re-drives them
      throw error;
    }
    return rows.length;
  }

  /** The reconciler: puts back in the outbox every advisory whose routing has not finished in time. */
  async redriveStaleRouting(staleMs: number): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH stale AS (
         UPDATE advisories SET route_redrives = route_redrives + 1, relayed_at = now()
          WHERE routed_at IS NULL AND created_at < now() - make_interval(secs => $1 / 1000.0)
            AND (relayed_at IS NULL OR relayed_at < now() - make_interval(secs => $1 / 1000.0))
          RETURNING id)
       INSERT INTO advisory_outbox (advisory_id) SELECT id FROM stale ON CONFLICT (advisory_id) DO NOTHING RETURNING advisory_id`,
      [staleMs],
    );
    return rows.length;
  }

  /**
   * Issue 19: removes every advisory an exercise created, with its outbox rows and inbox entries
   * (receipts included), in the caller's unit of work. Answers how many advisories went.
   */
  async purgeExercise(exerciseId: string): Promise<number> {
    const ids = `SELECT id FROM advisories WHERE exercise_id = $1`;
    await this.db.query(`DELETE FROM deliveries WHERE advisory_id IN (${ids})`, [exerciseId]);
    await this.db.query(`DELETE FROM advisory_outbox WHERE advisory_id IN (${ids})`, [exerciseId]);
    await this.db.query(`DELETE FROM advisory_matches WHERE advisory_id IN (${ids})`, [exerciseId]);
    const [, deleted]: [unknown[], number] = await this.db.query(`DELETE FROM advisories WHERE exercise_id = $1`, [exerciseId]);
    return deleted;
  }
}
