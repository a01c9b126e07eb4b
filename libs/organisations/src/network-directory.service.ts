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
 * Loads the network once and keeps it a few seconds: every read path needs it, and it changes
 * only when a member is added (which refreshes it here; other replicas catch up within seconds).
 */
@Injectable()
export class NetworkDirectory {
  private cached: { at: number; snapshot: Promise<NetworkSnapshot> } | null = null;

  constructor(private readonly organisations: OrganisationRepository) {}

  network(): Promise<NetworkSnapshot> {
    if (!this.cached || Date.now() - this.cached.at > FRESH_FOR_MS) {
      const snapshot = this.organisations.listAll().then(snapshotOf);
      this.cached = { at: Date.now(), snapshot };
      snapshot.catch(() => (this.cached = null));
    }
    return this.cached.snapshot;
  }

  invalidate(): void {
    this.cached = null;
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
