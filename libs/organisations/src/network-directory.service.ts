import { Injectable } from '@nestjs/common';
import type { Network, NetworkOrg } from '@isac/tlp';
import type { OrganisationEntity } from './organisation.entity.js';
import { OrganisationRepository } from './organisation.repository.js';

/** The organisation tree as the TLP policy and audience resolution see it. */
export interface NetworkSnapshot extends Network {
  all(): OrganisationEntity[];
  bySlug(slug: string): OrganisationEntity | undefined;
  byId(id: string): OrganisationEntity | undefined;
  /** the organisations of a sector: its unit and the unit's members (one list per snapshot: not to be changed) */
  inSector(sector: string): OrganisationEntity[];
  /** direct members of an organisation (a sector unit's clients) */
  membersOf(orgId: string): OrganisationEntity[];
  centre(): OrganisationEntity;
}

const FRESH_FOR_MS = 5_000;

function snapshotOf(orgs: OrganisationEntity[]): NetworkSnapshot {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  // made once per snapshot: the router asks the policy about every recipient of every advisory
  const networkOrgs = new Map(
    orgs.map((o): [string, NetworkOrg] => [
      o.id,
      Object.freeze({ id: o.id, slug: o.slug, kind: o.kind, sector: o.sector ?? undefined, parentId: o.parentId ?? undefined }),
    ]),
  );
  // each sector's organisations worked out once per snapshot (a European network has 30,000; every TAXII request asks)
  const sectors = new Map<string, OrganisationEntity[]>();
  return {
    org: (id) => networkOrgs.get(id),
    all: () => orgs,
    bySlug: (slug) => bySlug.get(slug),
    byId: (id) => byId.get(id),
    inSector: (sector) => {
      let members = sectors.get(sector);
      if (members === undefined) sectors.set(sector, (members = orgs.filter((o) => o.sector === sector && o.kind !== 'centre')));
      return members;
    },
    membersOf: (orgId) => orgs.filter((o) => o.parentId === orgId),
    centre: () => {
      const centre = orgs.find((o) => o.kind === 'centre');
      if (!centre) throw new Error('the network has no centre: seed it first (npm run cli -- db seed)');
      return centre;
    },
  };
}

/**
 * Loads the network once and keeps it: every read path needs it. Every few seconds the next caller
 * asks PostgreSQL for the network's revision (one row) and the organisations are read again only
 * when it moved, so another process's change is seen within seconds while an unchanged network of
 * 30,000 organisations is not re-read and rebuilt every 5 s — which cost the request that came next
 * about 250 ms (issue 20's scale bench) — and keeps its snapshot, and what callers made once per
 * snapshot. A change made here (a member added) refreshes it at once.
 */
@Injectable()
export class NetworkDirectory {
  private cached: { at: number; loaded: Promise<{ revision: string; snapshot: NetworkSnapshot }> } | null = null;

  constructor(private readonly organisations: OrganisationRepository) {}

  async network(): Promise<NetworkSnapshot> {
    if (!this.cached || Date.now() - this.cached.at > FRESH_FOR_MS) {
      const previous = this.cached?.loaded;
      const cached = { at: Date.now(), loaded: this.load(previous) };
      this.cached = cached;
      cached.loaded.catch(() => {
        if (this.cached === cached) this.cached = null;
      });
    }
    return (await this.cached.loaded).snapshot;
  }

  invalidate(): void {
    this.cached = null;
  }

  /**
   * The snapshot of the network's current revision: the previous one when the revision has not
   * moved, else the organisations read again. The revision is read before the organisations, so a
   * change committed between the two reads is loaded now and loaded again at the next check — never missed.
   */
  private async load(previous: Promise<{ revision: string; snapshot: NetworkSnapshot }> | undefined): Promise<{ revision: string; snapshot: NetworkSnapshot }> {
    const revision = await this.organisations.revision();
    const before = await previous?.catch(() => undefined);
    if (before !== undefined && before.revision === revision) return before;
    return { revision, snapshot: snapshotOf(await this.organisations.listAll()) };
  }

  /**
   * The network, loaded again once if it does not know every one of `orgIds`. Another process (the
   * API, which froze a member just added into an advisory's recipients or forwarded to it) may know
   * an organisation this copy, a few seconds old, does not; the policy would refuse it as not in the
   * network. Organisations are never removed, so an unknown id means a stale copy, and the reload
   * happens at most once per organisation added.
   */
  async networkKnowing(orgIds: Iterable<string>): Promise<NetworkSnapshot> {
    const network = await this.network();
    for (const id of orgIds) {
      if (!network.byId(id)) {
        this.invalidate();
        return this.network();
      }
    }
    return network;
  }
}
