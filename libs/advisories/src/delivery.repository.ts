import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentManager, inTransaction } from '@isac/unit-of-work';
import { isUniqueViolation } from '@isac/problems';
import type { WebhookState } from './advisory.types.js';
import { DeliveryEntity } from './delivery.entity.js';

/** Keyset position in one organisation's inbox: the last entry's delivery time and advisory. */
/** Each organisation's sector ('centre' for the centre), as parallel lists: the network's, handed to a count. */
export interface OrganisationSectors {
  orgIds: string[];
  sectors: string[];
}

/** The sector a count gives a recipient the organisations it was handed do not name. */
export const UNKNOWN_SECTOR = '?';

export interface InboxCursor {
  deliveredAt: string;
  advisoryId: string;
}

/** An inbox entry is identified by its advisory and its recipient organisation. */
export interface EntryKey {
  advisoryId: string;
  orgId: string;
}

export type PendingPush = EntryKey;

/** What one routing write did for one advisory (advisories with no new entry are left out). */
export interface RoutedAdvisory {
  advisoryId: string;
  newEntries: number;
  pendingPushes: PendingPush[];
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  /**
   * Every inbox entry of one advisory in one statement; the unique (advisory, organisation) key
   * makes a second routing of the same advisory a no-op. An organisation with a webhook gets its
   * entry marked `pending` for a push. Returns the organisations whose entry is new.
   */
  async insertForAdvisory(advisoryId: string, orgIds: string[], viaOrgId: string | null = null): Promise<string[]> {
    if (orgIds.length === 0) return [];
    const rows: { org_id: string }[] = await this.db.query(
      `INSERT INTO deliveries (advisory_id, org_id, via_org_id, webhook_state, webhook_updated_at)
       SELECT $1, r.org_id, $3, CASE WHEN w.org_id IS NULL THEN NULL ELSE 'pending' END, CASE WHEN w.org_id IS NULL THEN NULL ELSE now() END
         FROM unnest($2::uuid[]) AS r(org_id) LEFT JOIN webhooks w ON w.org_id = r.org_id
       ON CONFLICT (advisory_id, org_id) DO NOTHING
       RETURNING org_id`,
      [advisoryId, orgIds, viaOrgId],
    );
    return rows.map((r) => r.org_id);
  }

  /**
   * The router's write: every inbox entry of several advisories and their `routed_at` marks, in one
   * statement (so one transaction). Answers per advisory how many entries are new and which of them
   * wait for a webhook push (advisories without a new entry are left out).
   *
   * Entries already there are left alone (but for a forward to one of the audience, see `claimed`). Advisories routed for the first time (`firstTime`: none of
   * them was marked routed) are written with a plain INSERT, which PostgreSQL does for about two
   * thirds of the cost of `ON CONFLICT DO NOTHING`; if an entry exists after all (a forward that came
   * first, another worker on the same advisory) the key refuses the whole statement and the batch
   * is written again the careful way. Either way, one entry per advisory and organisation.
   */
  async insertAndMarkRouted(recipients: Map<string, string[]>, { firstTime = false }: { firstTime?: boolean } = {}): Promise<RoutedAdvisory[]> {
    // each entry as (advisory's position, organisation's position) in two short uuid lists: PostgreSQL
    // reads 16,000 small integers far faster than 32,000 uuids, and the parameters are a tenth the size
    const advisoryIds = [...recipients.keys()];
    const orgIds: string[] = [];
    const orgPosition = new Map<string, number>();
    const advisoryAt: number[] = [];
    const orgAt: number[] = [];
    advisoryIds.forEach((advisoryId, a) => {
      for (const orgId of recipients.get(advisoryId)!) {
        let o = orgPosition.get(orgId);
        if (o === undefined) orgPosition.set(orgId, (o = orgIds.push(orgId)));
        advisoryAt.push(a + 1);
        orgAt.push(o);
      }
    });
    // the integer arrays as literals: node-postgres would quote and escape each of the 32,000 numbers
    const params = [`{${advisoryAt.join(',')}}`, `{${orgAt.join(',')}}`, advisoryIds, orgIds];
    const entries = `INSERT INTO deliveries (advisory_id, org_id, webhook_state, webhook_updated_at)
           SELECT ($3::uuid[])[r.a], ($4::uuid[])[r.o], CASE WHEN w.org_id IS NULL THEN NULL ELSE 'pending' END, CASE WHEN w.org_id IS NULL THEN NULL ELSE now() END
             FROM unnest($1::int[], $2::int[]) AS r(a, o) LEFT JOIN webhooks w ON w.org_id = ($4::uuid[])[r.o]`;
    const routed = `routed AS (UPDATE advisories SET routed_at = now() WHERE id = ANY($3::uuid[]) AND routed_at IS NULL)`;
    // a forward that reached one of the audience before its first routing (a sector unit passing an
    // alert to its member while the worker was away) made that entry a forward: the routing claims
    // it as the audience entry it is, so receipts per sector count it and an overdue alert escalates
    // it — the same entry as had the forward come after. Only entries of advisories not routed yet,
    // which a conflict on the plain path brings here, and only those of the advisory's recipients.
    const claimed = `claimed AS (UPDATE deliveries d SET via_org_id = NULL FROM advisories a
           WHERE a.id = ANY($3::uuid[]) AND a.routed_at IS NULL AND d.advisory_id = a.id AND d.via_org_id IS NOT NULL AND d.org_id = ANY(a.recipient_org_ids))`;
    if (firstTime) {
      try {
        // every entry is new: what comes back is only which recipients have a webhook (the same
        // snapshot as the insert's), not 16,000 returned rows to count
        const [{ hooked }]: { hooked: string[] }[] = await this.db.query(
          `WITH inserted AS (${entries}), ${routed}
           SELECT coalesce(array_agg(org_id), '{}') AS hooked FROM webhooks WHERE org_id = ANY($4::uuid[])`,
          params,
        );
        const withWebhook = new Set(hooked);
        return advisoryIds
          .filter((advisoryId) => recipients.get(advisoryId)!.length > 0)
          .map((advisoryId) => {
            const orgs = recipients.get(advisoryId)!;
            return {
              advisoryId,
              newEntries: orgs.length,
              pendingPushes: orgs.filter((orgId) => withWebhook.has(orgId)).map((orgId) => ({ advisoryId, orgId })),
            };
          });
      } catch (error) {
        // the key of the partition the clash fell in (`deliveries_advisory_org_<month>`): the one unique key the statement writes
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const rows: { advisory_id: string; new_entries: number; pending_orgs: string[] }[] = await this.db.query(
      `WITH inserted AS (${entries} ON CONFLICT (advisory_id, org_id) DO NOTHING
         RETURNING advisory_id, org_id, webhook_state = 'pending' AS pending), ${routed}, ${claimed}
       SELECT advisory_id, count(*)::int AS new_entries, coalesce(array_agg(org_id) FILTER (WHERE pending), '{}') AS pending_orgs
         FROM inserted GROUP BY advisory_id`,
      params,
    );
    return rows.map((r) => ({
      advisoryId: r.advisory_id,
      newEntries: r.new_entries,
      pendingPushes: r.pending_orgs.map((orgId) => ({ advisoryId: r.advisory_id, orgId })),
    }));
  }

  /** Entries of the advisory whose webhook push is not finished (the job ids collapse duplicates). */
  async pendingPushes(advisoryId: string): Promise<PendingPush[]> {
    const rows: { org_id: string }[] = await this.db.query(`SELECT org_id FROM deliveries WHERE advisory_id = $1 AND webhook_state = 'pending'`, [advisoryId]);
    return rows.map((r) => ({ advisoryId, orgId: r.org_id }));
  }

  /** The reconciler: pushes left pending longer than `staleMs` since their last move (e.g. lost with Redis). */
  async stalePushes(staleMs: number, limit = 1000): Promise<PendingPush[]> {
    const [rows]: [{ advisory_id: string; org_id: string }[], number] = await this.db.query(
      `UPDATE deliveries SET webhook_updated_at = now()
        WHERE (advisory_id, org_id) IN (SELECT advisory_id, org_id FROM deliveries WHERE webhook_state = 'pending'
                        AND webhook_updated_at < now() - make_interval(secs => $1 / 1000.0)
                      LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING advisory_id, org_id`,
      [staleMs, limit],
    );
    return rows.map((r) => ({ advisoryId: r.advisory_id, orgId: r.org_id }));
  }

  /** The entry of `advisoryId` in the inbox of `orgId`, or null: every lookup names the organisation. */
  async find(key: EntryKey): Promise<DeliveryEntity | null> {
    // both halves or nothing: TypeORM drops undefined conditions, which would match any entry
    if (!key.advisoryId || !key.orgId) return null;
    return this.db.getRepository(DeliveryEntity).findOneBy({ advisoryId: key.advisoryId, orgId: key.orgId });
  }

  /** Newest first; the reads in scope of one organisation only (novu's rule: no query without the tenant). */
  inboxPage(orgId: string, options: { unread?: boolean; pending?: boolean; after: InboxCursor | null; limit: number }): Promise<DeliveryEntity[]> {
    const query = this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.org_id = :orgId', { orgId })
      .orderBy('d.delivered_at', 'DESC')
      .addOrderBy('d.advisory_id', 'DESC')
      .limit(options.limit);
    if (options.unread) query.andWhere('d.read_at IS NULL');
    // waiting for the organisation: unread, or an acknowledgement its advisory asks for not given
    if (options.pending)
      query.andWhere('(d.read_at IS NULL OR (d.acked_at IS NULL AND EXISTS (SELECT 1 FROM advisories a WHERE a.id = d.advisory_id AND a.requires_ack)))');
    if (options.after) {
      query.andWhere('(d.delivered_at, d.advisory_id) < (:at::timestamptz, :advisoryId::uuid)', {
        at: options.after.deliveredAt,
        advisoryId: options.after.advisoryId,
      });
    }
    return query.getMany();
  }

  async markRead(key: EntryKey): Promise<DeliveryEntity | null> {
    await this.db.query(`UPDATE deliveries SET read_at = coalesce(read_at, now()) WHERE advisory_id = $1 AND org_id = $2`, [key.advisoryId, key.orgId]);
    return this.find(key);
  }

  /**
   * Acknowledging implies having read it. Only an advisory that asks for acknowledgement records
   * one: for any other the entry is marked read and nothing more, so its author's receipts never
   * show an acknowledgement that was not asked for.
   */
  async markAcked(key: EntryKey): Promise<DeliveryEntity | null> {
    await this.db.query(
      `UPDATE deliveries d SET read_at = coalesce(d.read_at, now()),
              acked_at = CASE WHEN a.requires_ack THEN coalesce(d.acked_at, now()) ELSE d.acked_at END
         FROM advisories a WHERE a.id = d.advisory_id AND d.advisory_id = $1 AND d.org_id = $2`,
      [key.advisoryId, key.orgId],
    );
    return this.find(key);
  }

  /**
   * Routed entries (not forwards) and their acknowledgements, per advisory and sector of the
   * recipient; `sectors` says each organisation's (the network's, @isac/organisations'). A recipient
   * it does not name is counted under UNKNOWN_SECTOR.
   */
  async receiptsBySector(
    advisoryIds: string[],
    sectors: OrganisationSectors,
  ): Promise<Map<string, { sector: string; delivered: number; acknowledged: number }[]>> {
    const rows: { advisory_id: string; sector: string; delivered: number; acknowledged: number }[] = advisoryIds.length
      ? await this.db.query(
          `SELECT d.advisory_id, coalesce(o.sector, '${UNKNOWN_SECTOR}') AS sector, count(*)::int AS delivered, count(d.acked_at)::int AS acknowledged
             FROM deliveries d LEFT JOIN unnest($2::uuid[], $3::text[]) AS o(id, sector) ON o.id = d.org_id
            WHERE d.advisory_id = ANY($1::uuid[]) AND d.via_org_id IS NULL
            GROUP BY 1, 2 ORDER BY 1, 2`,
          [advisoryIds, sectors.orgIds, sectors.sectors],
        )
      : [];
    const bySector = new Map<string, { sector: string; delivered: number; acknowledged: number }[]>();
    for (const r of rows)
      bySector.set(r.advisory_id, [...(bySector.get(r.advisory_id) ?? []), { sector: r.sector, delivered: r.delivered, acknowledged: r.acknowledged }]);
    return bySector;
  }

  receiptsOf(advisoryId: string): Promise<DeliveryEntity[]> {
    return this.db.getRepository(DeliveryEntity).find({ where: { advisoryId }, order: { deliveredAt: 'ASC' } });
  }

  async recordPush(key: EntryKey, state: WebhookState, attempts: number, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET webhook_state = $3, webhook_attempts = $4, webhook_last_error = $5, webhook_updated_at = now() WHERE advisory_id = $1 AND org_id = $2`,
      [key.advisoryId, key.orgId, state, attempts, error?.slice(0, 500) ?? null],
    );
  }

  /**
   * Escalates the overdue entries of one alert — unacknowledged, routed (not forwarded), not
   * escalated yet, the alert past its deadline and not expired (an expired alert is no longer worth
   * a reminder) — in the caller's unit of work, which writes the reminder too (EscalationService):
   * marks them escalated and answers their organisations. The marks commit with the reminder or
   * not at all: should the reminder fail or the process die, the entries are still unescalated for
   * the next run.
   *
   * Two workers may run it at once. The run that locks the alert's row owns the alert whole; the
   * other skips it (SKIP LOCKED on the alert, not on its entries). Locking entries one by one with
   * SKIP LOCKED let two runs take part of one alert's entries each, and an entry held for a moment
   * by anyone else (a receipt, a webhook state) was left out, to be reminded apart on a later run:
   * one alert, two reminders. The owner waits for such a lock instead, then sees the entry as it is
   * (an acknowledgement that committed meanwhile is not escalated). `FOR NO KEY UPDATE` leaves the
   * row's key alone, so nothing that only refers to the alert waits for it. Returns the
   * organisations escalated; none when another run holds the alert.
   */
  async claimOverdue(alertId: string, limit = 500): Promise<string[]> {
    // the claim holds until the unit of work ends: outside one, it would be let go at once
    if (!inTransaction(this.dataSource)) throw new Error('claimOverdue runs in a unit of work');
    const claimed: unknown[] = await this.db.query(
      `SELECT 1 FROM advisories WHERE id = $1 AND requires_ack AND expires_at > now() AND ack_deadline < now() FOR NO KEY UPDATE SKIP LOCKED`,
      [alertId],
    );
    if (claimed.length === 0) return [];
    // a statement after the claim: its snapshot sees what an earlier owner of the alert committed
    const [rows]: [{ org_id: string }[], number] = await this.db.query(
      `WITH due AS (
         SELECT d.advisory_id, d.org_id FROM deliveries d
          WHERE d.advisory_id = $1 AND d.acked_at IS NULL AND d.escalated_at IS NULL AND d.via_org_id IS NULL
          LIMIT $2 FOR UPDATE)
       UPDATE deliveries d SET escalated_at = now() FROM due
        WHERE d.advisory_id = due.advisory_id AND d.org_id = due.org_id
        RETURNING d.org_id`,
      [alertId, limit],
    );
    return rows.map((r) => r.org_id);
  }
}
