import { Injectable } from '@nestjs/common';
import { NetworkDirectory, stixIdentityFor } from '@isac/organisations';
import { StixStoreService, type OwnCopy } from '@isac/stix-store';
import { sharedReach, type TlpLabel } from '@isac/tlp';
import type { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { entryObjects, externalSupplierId, softwareOf, successorId, type EntryObjects, type RegisterIdentities } from './register-stix.js';
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
 * (STIX 2.1 §3.6.2), a product or provider dropped revokes its relationship; the software and
 * external suppliers several entries share are re-marked as the entries naming them change. Runs in
 * the caller's unit of work, with the entries' own writes.
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

    // the ids in play, each followed past its revocations to the one alive (read before locking, then held)
    const products = new Set<string>();
    const suppliers = new Set<string>();
    for (const { before, after } of changes)
      for (const e of [before, after])
        if (e) {
          for (const cpe of e.products) products.add(cpe);
          for (const provider of e.dependsOn) if (provider.startsWith(EXTERNAL_PREFIX)) suppliers.add(provider);
        }
    const live = new Map<string, string>();
    const liveId = (id: string) => live.get(id) ?? id;
    const supplierIds = new Map([...suppliers].map((p) => [p, externalSupplierId(orgSlug, p)] as const));
    await this.followRevocations([...supplierIds.values()], orgId, live);
    const objectsOf = (e: InfrastructureEntryEntity) => entryObjects(entryOf(e), identities, liveId);
    const baseRelationships = changes.flatMap(({ before, after }) =>
      [before, after].flatMap((e) => (e ? entryObjects(entryOf(e), identities, (id) => (id.startsWith('identity--') ? liveId(id) : id)).relationships : [])),
    );
    await this.followRevocations(
      baseRelationships.map((r) => r.id as string),
      orgId,
      live,
    );

    const softwareIds = new Map([...products].map((cpe) => [cpe, softwareOf(cpe).id as string] as const));
    const shaped = changes.map(({ before, after }) => ({ before: before && objectsOf(before), after: after && objectsOf(after), entry: after ?? before! }));
    const ids = new Set<string>([...softwareIds.values(), ...[...supplierIds.values()].map(liveId)]);
    for (const { before, after } of shaped)
      for (const o of [before, after]) if (o) for (const obj of [o.infrastructure, ...o.relationships]) ids.add(obj.id as string);
    const { copies, checked } = await this.store.holdOwnCopies([...ids], orgId);
    const held = new Map(copies.map((c): [string, HeldVersion] => [c.stixId, c]));

    const writes: Write[] = [];
    const removedSoftware: string[] = [];
    for (const change of shaped) writes.push(...this.entryVersions(change, held, at));
    const naming = await this.entries.naming(orgId, [...products], [...suppliers]);
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
    for (const [provider, baseId] of supplierIds) {
      const id = liveId(baseId);
      const supplierOf = (e: InfrastructureEntryEntity) => objectsOf(e).suppliers.find((s) => s.id === id);
      writes.push(...supplierVersion(provider, supplierOf, naming, held.get(id), at));
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

  /** Follows each id past its revoked copies to the successor alive (or never stored); `live` maps each base id to it. */
  private async followRevocations(baseIds: string[], orgId: string, live: Map<string, string>): Promise<void> {
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
        else if (p.id !== p.base) live.set(p.base, p.id);
      }
      pending = next;
    }
  }
}

/** An external supplier's identity: marked as the entries naming it, revoked when none does any more. */
function supplierVersion(
  provider: string,
  supplierOf: (entry: InfrastructureEntryEntity) => StixObject | undefined,
  naming: InfrastructureEntryEntity[],
  current: HeldVersion | undefined,
  at: Date,
): Write[] {
  if (current?.revoked) return [];
  const by = naming.filter((e) => e.dependsOn.includes(provider));
  const reach = sharedReach(by);
  const tlp: TlpLabel | undefined = reach?.tlp;
  const recipients = reach?.recipientOrgIds ?? [];
  if (!tlp) return current ? [{ object: revokedVersion(current, nextVersion(at, [current])), recipientOrgIds: current.recipientOrgIds }] : [];
  if (current && sameReach(current, tlp, recipients)) return [];
  const supplier = supplierOf(by[0]);
  if (!supplier) return [];
  // `created` stays that of the first version (STIX 2.1 §3.6); the first is as old as the oldest entry naming it
  const created = typeof current?.object.created === 'string' ? current.object.created : iso(new Date(Math.min(...by.map((e) => e.createdAt.getTime()))));
  return [{ object: marked({ ...supplier, created, modified: nextVersion(at, [current]) }, tlp), recipientOrgIds: recipients }];
}

/** Writes grouped by their recipients (one store call each): a register's entries mostly share theirs. */
function groupByRecipients(writes: Write[]): Map<string, Write[]> {
  const groups = new Map<string, Write[]>();
  for (const w of writes) {
    const key = [...w.recipientOrgIds].sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  return groups;
}
