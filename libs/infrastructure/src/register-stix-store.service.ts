import { Injectable } from '@nestjs/common';
import { NetworkDirectory, stixIdentityFor } from '@isac/organisations';
import { StixStoreService, type OwnCopy } from '@isac/stix-store';
import { sharedReach, type TlpLabel } from '@isac/tlp';
import type { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { entryObjects, externalSupplierId, softwareOf, successorId, supplierIdFor, type EntryObjects, type RegisterIdentities } from './register-stix.js';
import { marked, nextVersion, revokedVersion, sameReach, type HeldVersion } from './register-versions.js';
import { EXTERNAL_PREFIX } from './register.types.js';

type StixObject = Record<string, unknown>;

/** One entry's change: added (no `before`), changed, or removed (no `after`). */
export interface RegisterEntryChange {
  before: InfrastructureEntryEntity | null;
  after: InfrastructureEntryEntity | null;
}

/** A version to store, with the readers it is addressed to. */
interface Write {
  object: StixObject;
  recipientOrgIds: readonly string[];
}

/** Successor ids followed at most this far: one per re-adding of a removed product or supplier. */
const MAX_SUCCESSORS = 50;

const iso = (d: Date) => d.toISOString();

/**
 * Keeps each register's STIX in the STIX store (issue 18), so that the TAXII collections serve
 * registers through their one read path: every entry's objects are its organisation's copies, under
 * the entry's marking and addressed to its recipients (the centre and the sector unit: exactly what
 * the register's own read path asks canRead about). A change stores new versions, a removal revokes
 * (STIX 2.1 §3.6.2), a product or provider dropped revokes its relationship; the software several
 * entries share is re-marked as the entries naming it change (an observable says nothing of who runs
 * it or since when), and each external supplier is one identity per marking and readers of the
 * entries naming it (supplierIdFor). Runs in the caller's unit of work, with the entries' own writes.
 */
@Injectable()
export class RegisterStixStore {
  constructor(
    private readonly store: StixStoreService,
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
  ) {}

  /** Stores what these changes of `orgId`'s register make of its STIX; `at` dates removals. */
  async record(orgId: string, changes: RegisterEntryChange[], at: Date): Promise<void> {
    if (changes.length === 0) return;
    await this.entries.lockRegister(orgId);
    const network = await this.directory.network();
    const orgSlug = network.byId(orgId)?.slug ?? orgId;
    const identities: RegisterIdentities = {
      identityOf: (slug) => {
        const org = network.bySlug(slug);
        return org && stixIdentityFor(org);
      },
    };
    const entryOf = (e: InfrastructureEntryEntity) => ({ ...e, orgSlug });

    const products = new Set<string>();
    const providers = new Set<string>();
    for (const { before, after } of changes)
      for (const e of [before, after])
        if (e) {
          for (const cpe of e.products) products.add(cpe);
          for (const provider of externalProviders(e)) providers.add(provider);
        }
    // every entry of the register naming them, as it is now (after the changes)
    const naming = await this.entries.naming(orgId, [...products], [...providers]);
    // the ids in play, each followed past its revocations to the one alive (read before locking, then held)
    const live = new Map<string, string>();
    const liveId = (id: string) => live.get(id) ?? id;
    const shared = await this.sharedSuppliers(orgId, orgSlug, [...providers], live);
    // the entries naming a provider whose one shared identity is still stored are re-pointed to their reach's, with the changed ones
    const changed = new Set(changes.flatMap(({ before, after }) => [before?.id, after?.id]));
    const all = [
      ...changes,
      ...naming.filter((e) => !changed.has(e.id) && externalProviders(e).some((p) => shared.alive.has(p))).map((e) => ({ before: e, after: e })),
    ];
    // each entry's suppliers are its reach's (supplierIdFor); what the store holds of an entry before this change may still
    // point at a shared one
    const supplierOf = (e: InfrastructureEntryEntity) => (provider: string) => supplierIdFor(orgSlug, provider, e.tlp, e.recipientOrgIds);
    const storedSupplierOf = (e: InfrastructureEntryEntity) => (provider: string) =>
      shared.alive.has(provider) ? shared.ids.get(provider)! : supplierOf(e)(provider);
    const suppliers = new Map<string, { provider: string; tlp: TlpLabel; recipientOrgIds: string[] }>();
    for (const e of all.flatMap(({ before, after }) => [before, after]).filter((e): e is InfrastructureEntryEntity => e !== null))
      for (const provider of externalProviders(e)) {
        const id = supplierOf(e)(provider);
        if (!suppliers.has(id)) suppliers.set(id, { provider, tlp: e.tlp, recipientOrgIds: [...new Set(e.recipientOrgIds)].sort() });
      }
    await this.followRevocations([...suppliers.keys()], orgId, live);
    const identityLive = (id: string) => (id.startsWith('identity--') ? liveId(id) : id);
    const baseRelationships = all.flatMap(({ before, after }) => [
      ...(before ? entryObjects(entryOf(before), identities, identityLive, storedSupplierOf(before)).relationships : []),
      ...(after ? entryObjects(entryOf(after), identities, identityLive, supplierOf(after)).relationships : []),
    ]);
    await this.followRevocations(
      baseRelationships.map((r) => r.id as string),
      orgId,
      live,
    );

    const softwareIds = new Map([...products].map((cpe) => [cpe, softwareOf(cpe).id as string] as const));
    const shaped = all.map(({ before, after }) => ({
      before: before && entryObjects(entryOf(before), identities, liveId, storedSupplierOf(before)),
      after: after && entryObjects(entryOf(after), identities, liveId, supplierOf(after)),
      entry: after ?? before!,
    }));
    const sharedLive = [...shared.alive].map((provider) => liveId(shared.ids.get(provider)!));
    const ids = new Set<string>([...softwareIds.values(), ...[...suppliers.keys()].map(liveId), ...sharedLive]);
    for (const { before, after } of shaped)
      for (const o of [before, after]) if (o) for (const obj of [o.infrastructure, ...o.relationships]) ids.add(obj.id as string);
    const { copies, checked } = await this.store.holdOwnCopies([...ids], orgId);
    const held = new Map(copies.map((c): [string, HeldVersion] => [c.stixId, c]));

    const writes: Write[] = [];
    const removedSoftware: string[] = [];
    for (const change of shaped) writes.push(...this.entryVersions(change, held, at));
    for (const [cpe, id] of softwareIds) {
      const by = naming.filter((e) => e.products.includes(cpe));
      const current = held.get(id);
      const reach = sharedReach(by);
      const tlp = reach?.tlp;
      const recipients = reach?.recipientOrgIds ?? [];
      if (current && tlp && sameReach(current, tlp, recipients)) continue;
      // a software SCO has no versions (STIX 2.1 §3.6: SCOs are not versioned): it is replaced, or removed
      if (current) removedSoftware.push(id);
      if (tlp) writes.push({ object: marked(softwareOf(cpe), tlp), recipientOrgIds: recipients });
    }
    for (const [baseId, reach] of suppliers) {
      const id = liveId(baseId);
      const by = naming.filter((e) => e.dependsOn.includes(reach.provider) && supplierOf(e)(reach.provider) === baseId);
      const supplier = by.length ? entryObjects(entryOf(by[0]), identities, liveId, supplierOf(by[0])).suppliers.find((o) => o.id === id) : undefined;
      writes.push(...supplierVersion(supplier, by, reach, held.get(id), at));
    }
    // a shared identity no entry points at any more
    for (const id of sharedLive) {
      const current = held.get(id);
      if (current && !current.revoked) writes.push(revocation(current, at));
    }

    for (const id of new Set(removedSoftware)) await this.store.deleteVersions(id, orgId, ['']);
    for (const [key, group] of groupByRecipients(writes.filter((w) => !held.get(w.object.id as string)?.revoked))) {
      await this.store.store(
        group.map((w) => w.object),
        { authorOrgId: orgId, recipientOrgIds: key === '' ? [] : key.split(','), tlp: undefined },
        checked,
      );
    }
  }

  /**
   * Before suppliers were held per reach (supplierIdFor), one identity of each external supplier was
   * shared by every entry of the register naming it, marked as the least strict of them: `ids` has
   * that identity's id for each provider, followed past its revocations in `live`, and `alive` the
   * providers whose shared identity the store still holds unrevoked.
   */
  private async sharedSuppliers(
    orgId: string,
    orgSlug: string,
    providers: string[],
    live: Map<string, string>,
  ): Promise<{ ids: Map<string, string>; alive: Set<string> }> {
    const ids = new Map(providers.map((provider) => [provider, externalSupplierId(orgSlug, provider)] as const));
    const found = await this.followRevocations([...ids.values()], orgId, live);
    const alive = new Set(providers.filter((provider) => found.has(live.get(ids.get(provider)!) ?? ids.get(provider)!)));
    return { ids, alive };
  }

  /**
   * Re-points every entry still naming a supplier through the one identity that registers stored
   * before suppliers were held per reach (see sharedSuppliers), and revokes that identity: each
   * organisation's in one unit of work. Run with backfillStix on every start; once done it finds nothing,
   * at the cost of one lookup per organisation with an external supplier.
   */
  async retireSharedSuppliers(run: (work: () => Promise<void>) => Promise<void>): Promise<number> {
    const network = await this.directory.network();
    // the entries naming an external supplier, by organisation, read once
    const byOrg = new Map<string, InfrastructureEntryEntity[]>();
    const all = await this.entries.findByIds((await this.entries.allIds()).map((e) => e.id));
    for (const e of all) if (externalProviders(e).length > 0) byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), e]);
    let retired = 0;
    for (const [orgId, entries] of byOrg) {
      const providers = [...new Set(entries.flatMap(externalProviders))];
      const { alive } = await this.sharedSuppliers(orgId, network.byId(orgId)?.slug ?? orgId, providers, new Map());
      if (alive.size === 0) continue;
      const touched = new Set(entries.filter((e) => e.dependsOn.some((provider) => alive.has(provider))));
      await run(() =>
        this.record(
          orgId,
          [...touched].map((e) => ({ before: e, after: e })),
          new Date(),
        ),
      );
      retired += alive.size;
    }
    return retired;
  }

  /** By organisation, the entries whose STIX the store does not hold (made before registers were stored as STIX). */
  async missingEntries(): Promise<Map<string, string[]>> {
    const all = await this.entries.allIds();
    const byOrg = new Map<string, string[]>();
    for (const { id, orgId } of all) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), id]);
    const missing = new Map<string, string[]>();
    for (const [orgId, ids] of byOrg) {
      const held = new Set(
        (
          await this.store.ownCopies(
            ids.map((id) => `infrastructure--${id}`),
            orgId,
          )
        ).map((c) => c.stixId),
      );
      const lacking = ids.filter((id) => !held.has(`infrastructure--${id}`));
      if (lacking.length) missing.set(orgId, lacking);
    }
    return missing;
  }

  /** Stores the STIX of these entries of one organisation as added (in the caller's unit of work). */
  async addEntries(orgId: string, entryIds: string[]): Promise<number> {
    const found = await this.entries.findByIds(entryIds);
    await this.record(
      orgId,
      found.map((after) => ({ before: null, after })),
      new Date(),
    );
    return found.length;
  }

  /** The entry's own objects: new versions of what it is now, revoked versions of what it no longer is. */
  private entryVersions(
    change: { before: EntryObjects | null; after: EntryObjects | null; entry: InfrastructureEntryEntity },
    held: Map<string, HeldVersion>,
    at: Date,
  ): Write[] {
    const { before, after, entry } = change;
    const own = (o: EntryObjects | null) => (o ? [o.infrastructure, ...o.relationships] : []);
    const kept = new Set(own(after).map((o) => o.id as string));
    const dropped = own(before).filter((o) => !kept.has(o.id as string));
    const modified = nextVersion(
      after ? entry.updatedAt : at,
      [...own(after), ...dropped].map((o) => held.get(o.id as string)),
    );
    const writes: Write[] = own(after).map((object) => ({ object: { ...object, modified }, recipientOrgIds: entry.recipientOrgIds }));
    for (const o of dropped) {
      const current = held.get(o.id as string);
      if (current && !current.revoked) writes.push({ object: revokedVersion(current, modified), recipientOrgIds: current.recipientOrgIds });
    }
    return writes;
  }

  /**
   * Follows each id past its revoked copies to the successor alive (or never stored); `live` maps each
   * base id to it. Answers the ids at which it found a copy alive (stored, not revoked).
   */
  private async followRevocations(baseIds: string[], orgId: string, live: Map<string, string>): Promise<Set<string>> {
    const alive = new Set<string>();
    let pending = [...new Set(baseIds)].map((base) => ({ base, id: base }));
    for (let round = 0; pending.length && round < MAX_SUCCESSORS; round++) {
      const copies = new Map(
        (
          await this.store.ownCopies(
            pending.map((p) => p.id),
            orgId,
          )
        ).map((c): [string, OwnCopy] => [c.stixId, c]),
      );
      const next: { base: string; id: string }[] = [];
      for (const p of pending) {
        const copy = copies.get(p.id);
        if (copy?.revoked) next.push({ base: p.base, id: successorId(p.id, copy.version) });
        else {
          if (p.id !== p.base) live.set(p.base, p.id);
          if (copy) alive.add(p.id);
        }
      }
      pending = next;
    }
    return alive;
  }
}

/**
 * An external supplier's identity for one reach (marking and readers): made by the first entry of that
 * reach naming it, dated as the oldest of them, revoked when none does any more. The entries of other
 * reaches have identities of their own: nothing of this one depends on an entry its readers may not read.
 */
function supplierVersion(
  supplier: StixObject | undefined,
  by: InfrastructureEntryEntity[],
  reach: { tlp: TlpLabel; recipientOrgIds: string[] },
  current: HeldVersion | undefined,
  at: Date,
): Write[] {
  if (current?.revoked) return [];
  if (by.length === 0) return current ? [revocation(current, at)] : [];
  // its marking and readers are its id's: once stored, the entries of its reach change nothing of it
  if (current || !supplier) return [];
  const created = Math.min(...by.map((e) => e.createdAt.getTime()));
  // never before `created` (STIX 2.1 §3.2), whatever the database's clock said of the entries
  const modified = iso(new Date(Math.max(at.getTime(), created)));
  return [{ object: marked({ ...supplier, created: iso(new Date(created)), modified }, reach.tlp), recipientOrgIds: reach.recipientOrgIds }];
}

/** STIX 2.1 §3.6.2: the revoked version of a held copy, written at `at`, to the readers it had. */
const revocation = (current: HeldVersion, at: Date): Write => ({
  object: revokedVersion(current, nextVersion(at, [current])),
  recipientOrgIds: current.recipientOrgIds,
});

/** The external suppliers an entry names (`external:<name>`). */
const externalProviders = (e: InfrastructureEntryEntity) => e.dependsOn.filter((provider) => provider.startsWith(EXTERNAL_PREFIX));

/** Writes grouped by their recipients (one store call each): a register's entries mostly share theirs. */
function groupByRecipients(writes: Write[]): Map<string, Write[]> {
  const groups = new Map<string, Write[]>();
  for (const w of writes) {
    const key = [...w.recipientOrgIds].sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  return groups;
}
