import { Injectable } from '@nestjs/common';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import type { TlpLabel } from '@isac/tlp';
import { AdvisoryRepository } from './advisory.repository.js';
import type { AdvisoryAudience, AdvisoryKind, Severity } from './advisory.types.js';
import { isTargeted, resolveAudience, type AudienceDirectory } from './audience.js';
import { DeliveryRepository, UNKNOWN_SECTOR, type OrganisationSectors } from './delivery.repository.js';

/** The most one read of a period returns (its receipts are read in one query). */
const PUBLISHED_MAX = 10_000;

export interface SectorReceipts {
  /** the sector of the recipients, 'centre' for the centre */
  sector: string;
  delivered: number;
  acknowledged: number;
}

/** One advisory or alert of a period, with what the TLP policy needs to judge it for any reader. */
export interface PeriodAdvisory {
  id: string;
  kind: AdvisoryKind;
  title: string;
  severity: Severity;
  tlp: TlpLabel;
  authorOrgId: string;
  recipientOrgIds: string[];
  publishedAt: Date;
  requiresAck: boolean;
  ackDeadline: Date | null;
  /** routed inbox entries (forwards left out) per sector of the recipients */
  receipts: SectorReceipts[];
  /**
   * The audience names products or providers (issue 18): some of its recipients are where registers
   * matched, which only the registers' readers may know. Their number and sectors, and the receipts
   * counted over them, are not for an agenda's readers.
   */
  targeted: boolean;
  /** The recipients the audience names itself (all, sectors, organisations): all of them unless targeted. */
  namedRecipientOrgIds: string[];
}

/**
 * Reads for other contexts (meetings' agenda drafts, briefings). UNSCREENED: every item keeps its
 * marking, author and named recipients, and the caller must ask the TLP policy (canRead) for each
 * reader before showing anything — as the agenda does for every participant.
 */
@Injectable()
export class AdvisoryQueriesService {
  constructor(
    private readonly advisories: AdvisoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly directory: NetworkDirectory,
  ) {}

  /**
   * A count per sector of the recipients: the sectors are the network's (@isac/organisations owns
   * the organisations), handed to the count. A recipient this process's copy of the network does not
   * know yet (a member added a moment ago elsewhere) has the network loaded again and the count redone.
   */
  private async perSector<T>(count: (sectors: OrganisationSectors) => Promise<T>, sectorsOf: (result: T) => Iterable<{ sector: string }>): Promise<T> {
    const result = await count(sectorsByOrganisation(await this.directory.network()));
    if (![...sectorsOf(result)].some((r) => r.sector === UNKNOWN_SECTOR)) return result;
    this.directory.invalidate();
    return count(sectorsByOrganisation(await this.directory.network()));
  }

  /**
   * The newest advisories and alerts published in [since, until) — at most `limit` (10,000), newest
   * first — and how many the period holds in all: a caller that keeps fewer than `total` keeps the
   * most recent and can say how many older ones it left out.
   */
  async publishedBetween(
    since: Date | null,
    until: Date,
    options: { kind?: AdvisoryKind; limit?: number } = {},
  ): Promise<{ advisories: PeriodAdvisory[]; total: number }> {
    const { rows, total } = await this.advisories.publishedBetween(since, until, options.kind, Math.min(options.limit ?? 500, PUBLISHED_MAX));
    const receipts = await this.perSector(
      (sectors) =>
        this.deliveries.receiptsBySector(
          rows.map((r) => r.id),
          sectors,
        ),
      (bySector) => [...bySector.values()].flat(),
    );
    const network = await this.directory.network();
    const advisories = rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      severity: a.severity,
      tlp: a.tlp,
      authorOrgId: a.authorOrgId,
      recipientOrgIds: a.recipientOrgIds,
      publishedAt: a.createdAt,
      requiresAck: a.requiresAck,
      ackDeadline: a.ackDeadline,
      receipts: receipts.get(a.id) ?? [],
      targeted: isTargeted(a.audience),
      namedRecipientOrgIds: namedRecipients(a.audience, a.recipientOrgIds, network),
    }));
    return { advisories, total };
  }

  /**
   * DESIGN §5: receipts are the author's. The acknowledgement of the alerts `authorOrgId` issued in
   * [since, until) with acknowledgement required: how many, and per sector of the recipients.
   */
  alertReceiptsOf(authorOrgId: string, since: Date, until: Date): Promise<{ alerts: number; perSector: SectorReceipts[] }> {
    return this.perSector(
      (sectors) => this.advisories.alertReceiptsBySector(authorOrgId, since, until, sectors),
      (receipts) => receipts.perSector,
    );
  }

  /**
   * Which of these (author, idempotency key) pairs already went out as an advisory — for contexts
   * that publish on an organisation's behalf and must find what a crash kept from being sent.
   * Answers `<authorOrgId>:<idempotencyKey>` strings.
   */
  /**
   * DESIGN §5: receipts are the author's. Per recipient of one advisory routed from its audience
   * (forwards left out): when it was delivered, read and acknowledged — for a context that published
   * the advisory on its organisation's behalf (a major incident's alert, issue 19).
   */
  async receiptsOf(advisoryId: string): Promise<{ orgId: string; deliveredAt: Date; readAt: Date | null; ackedAt: Date | null }[]> {
    const rows = await this.deliveries.receiptsOf(advisoryId);
    return rows.filter((d) => d.viaOrgId === null).map((d) => ({ orgId: d.orgId, deliveredAt: d.deliveredAt, readAt: d.readAt, ackedAt: d.ackedAt }));
  }

  publishedKeys(pairs: { authorOrgId: string; idempotencyKey: string }[]): Promise<Set<string>> {
    return this.advisories.publishedKeys(pairs);
  }

  /** Issue 19: the purge of an exercise removes its advisories, their outbox rows and inbox entries (in the caller's unit of work). */
  purgeExercise(exerciseId: string): Promise<number> {
    return this.advisories.purgeExercise(exerciseId);
  }
}

/** Each organisation's sector, 'centre' for the centre (which has none). */
function sectorsByOrganisation(network: NetworkSnapshot): OrganisationSectors {
  const orgs = network.all();
  return { orgIds: orgs.map((o) => o.id), sectors: orgs.map((o) => o.sector ?? 'centre') };
}

/**
 * The recipients an audience names itself, among those it had at publication: for a targeted audience,
 * the organisations of its `all`, sectors and organisations (none when it names only products or
 * providers), never those only a register match added (an exposed organisation, its sector unit).
 */
function namedRecipients(audience: AdvisoryAudience, recipientOrgIds: string[], network: AudienceDirectory): string[] {
  if (!isTargeted(audience)) return recipientOrgIds;
  const named = resolveAudience({ all: audience.all, sectors: audience.sectors, organisations: audience.organisations }, network, SECTORS);
  if (!named.ok) return [];
  const ids = new Set(named.recipientOrgIds);
  return recipientOrgIds.filter((id) => ids.has(id));
}
