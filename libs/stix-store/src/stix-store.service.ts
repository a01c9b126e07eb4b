import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { objectAsSeenBy, referencesOutsideBundle, unresolvedReferences, validateBundle, type TlpLabel, type ValidationReport } from '@isac/stix';
import { canRead, parseTlpLabel } from '@isac/tlp';
import { StixObjectRepository, type StixObjectVersion } from './stix-object.repository.js';
import { conflictsWithStore, objectTlp, repeatedVersions, STORE_CODES, unsafeKeys, versionInstant, versionOf, withinBundleConflicts, type StoreProblem } from './versioning.js';

export interface StoreOptions {
  authorOrgId: string;
  recipientOrgIds: string[];
  /** The TLP of the submission, for objects without a marking of their own. */
  tlp: TlpLabel | undefined;
}

export interface ReadableObject {
  object: Record<string, unknown>;
  tlp: string | null;
}

/** What `checkForStorage` found: the problems, and which of the submission's ids the store already holds. */
export interface StorageCheck {
  problems: StoreProblem[];
  heldIds: ReadonlySet<string>;
  /** The transaction whose locks the check was made under (none outside a transaction). */
  lockedIn?: EntityManager;
}

const AUDIT_SLICE = 2_000;

const isMarkingPointer = (pointer: string) => /\/(object_marking_refs\/\d+|granular_markings\/\d+\/marking_ref)$/.test(pointer);

/** The versioned STIX object store: validation against the store, storage, and TLP-checked reads. */
@Injectable()
export class StixStoreService {
  constructor(
    private readonly objects: StixObjectRepository,
    private readonly network: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * The validator's report plus what only the store can tell: references that resolve neither in
   * the bundle nor in the store, and versions that contradict each other or what is stored.
   */
  async validate(bundle: unknown, manager?: EntityManager): Promise<ValidationReport> {
    return (await this.validateForStorage(bundle, manager)).report;
  }

  /** `validate`, with the store's check when it was made: to pass on to `store` in the same transaction. */
  async validateForStorage(bundle: unknown, manager?: EntityManager): Promise<{ report: ValidationReport; checked?: StorageCheck }> {
    const report = validateBundle(bundle);
    if (!report.valid) return { report }; // ids and timestamps must be sound before the store is asked
    const checked = await this.checkForStorage((bundle as { objects: Record<string, unknown>[] }).objects, manager);
    return { report: { valid: checked.problems.length === 0, errors: checked.problems, warnings: report.warnings }, checked };
  }

  /** The store's own checks of a bundle the validator accepted (references, versions, revocation). */
  async checkAgainstStore(bundle: { objects: Record<string, unknown>[] }, manager?: EntityManager): Promise<StoreProblem[]> {
    return (await this.checkForStorage(bundle.objects, manager)).problems;
  }

  /**
   * The store's checks of a submission, with what storing it needs to know of the store (which of
   * its ids are held already); pass the result to `store` in the same transaction. The ids the
   * objects carry and the ids they refer to outside the bundle are looked up in one query.
   * In a transaction, the objects' ids are locked first until it ends (see lockIds): what is found
   * here — which ids are held, which are revoked — then still holds when `store` writes.
   */
  async checkForStorage(objects: Record<string, unknown>[], manager?: EntityManager): Promise<StorageCheck> {
    const outside = referencesOutsideBundle({ objects });
    const own = new Set<string>();
    for (const obj of objects) if (typeof obj.id === 'string') own.add(obj.id);
    const ids = new Set<string>([...own, ...outside]);
    const heldNow = async () => {
      await this.objects.lockIds(own, manager);
      return this.objects.heldVersionsOf([...ids], manager);
    };
    const [held, network] = await Promise.all([heldNow(), this.network.network()]);
    const heldIds = new Set(held.map((h) => h.stixId));
    // the identities of the network's organisations are known to every member (GET /organisations/:slug)
    const identities = new Set(network.all().map((o) => o.stixIdentityId));
    const known = (ref: string) => heldIds.has(ref) || identities.has(ref);
    // where each dangling reference sits is worked out only when there is one
    const unresolved = outside.every(known) ? [] : unresolvedReferences({ objects }, known);
    const dangling: StoreProblem[] = unresolved.map((u) => ({
      code: isMarkingPointer(u.pointer) ? STORE_CODES.UNKNOWN_MARKING : STORE_CODES.UNRESOLVED_REFERENCE,
      message: isMarkingPointer(u.pointer)
        ? `${u.ref} is neither a TLP marking nor a marking definition in the bundle or the hub`
        : `${u.ref} resolves neither within the bundle nor in the hub`,
      index: u.index,
      ...(u.id === undefined ? {} : { id: u.id }),
      pointer: u.pointer,
    }));
    // content is read back only for the versions the submission repeats (a re-sent report)
    const texts = await this.objects.storedTexts(repeatedVersions(objects, held), manager);
    const stored = held.map((h) => ({ ...h, text: texts.get(h.stixId, h.version) }));
    const problems = [...unsafeKeys(objects), ...dangling, ...withinBundleConflicts(objects), ...conflictsWithStore(objects, stored)];
    return { problems, heldIds, ...(manager?.queryRunner?.isTransactionActive ? { lockedIn: manager } : {}) };
  }

  /**
   * Stores every object of a validated submission; versions already held are left as they are.
   * `checked` is the submission's `checkForStorage` in the same transaction, made under the same
   * locks (else the store is asked again, once locked). A check made outside the transaction may be
   * stale and is trusted all the same: only the COPY's fallback then catches a version stored meanwhile.
   */
  async store(objects: Record<string, unknown>[], options: StoreOptions, manager?: EntityManager, checked?: StorageCheck): Promise<{ stored: number; unchanged: number }> {
    // a submission is stored whole or not at all
    if (!manager) return this.objects.transaction((m) => this.store(objects, options, m, checked));
    const ids = new Set<string>();
    const repeated = new Set<string>();
    for (const obj of objects) {
      const id = obj.id as string;
      (ids.has(id) ? repeated : ids).add(id);
    }
    // taken already when `checked` was made in this transaction; else now, before the store is asked
    if (checked?.lockedIn !== manager) await this.objects.lockIds(ids, manager);
    const heldIds = checked?.heldIds ?? new Set((await this.objects.heldVersionsOf([...ids], manager)).map((h) => h.stixId));
    // ids that may have several versions now: already stored, or more than once in this submission
    const several = new Set(repeated);
    for (const id of ids) if (heldIds.has(id)) several.add(id);
    // rows are made as they are streamed (one chunk of them exists at a time), only for the ids asked for
    const rows = function* (keep: (stixId: string) => boolean) {
      for (const obj of objects) if (keep(obj.id as string)) yield versionRow(obj, options.tlp);
    };
    const inserted = await this.objects.insertVersions(rows, options.authorOrgId, options.recipientOrgIds, several, manager);
    await this.objects.markCurrent([...several], manager);
    return { stored: inserted, unchanged: objects.length - inserted };
  }

  /**
   * Locks these ids until `manager`'s transaction ends, as `checkForStorage` and `store` do, for
   * the other writers of stored versions (TAXII's delete): a delete and a store of one id then take
   * turns, and each marks the current version seeing what the other committed.
   */
  lockIds(ids: Iterable<string>, manager: EntityManager): Promise<void> {
    return this.objects.lockIds(ids, manager);
  }

  /**
   * The current versions of `ids` that the principal's organisation may read (DESIGN §2, through
   * canRead), as far as their granular markings let it (objectAsSeenBy); revoked objects are left out (§3.6.2: no longer to be relied on). Audited reads are logged.
   */
  async readCurrent(ids: string[], principal: Principal): Promise<ReadableObject[]> {
    const [rows, network] = await Promise.all([this.objects.currentOf(ids), this.network.network()]);
    const reads = [];
    const readable: ReadableObject[] = [];
    for (const row of rows) {
      if (row.revoked) continue;
      const item = { tlp: row.tlp === null ? undefined : parseTlpLabel(row.tlp), authorOrgId: row.authorOrgId, recipientOrgIds: row.recipientOrgIds, kind: 'stix' as const };
      const reader = { orgId: principal.organisation.id };
      const decision = canRead(item, reader, network);
      if (!decision.allowed) continue;
      // DESIGN §2: the parts a granular marking keeps from this reader are withheld, or the whole object
      const object = objectAsSeenBy(row.object, row, reader, network);
      if (object === null) continue;
      readable.push({ object, tlp: row.tlp });
      reads.push({ item: { kind: 'stix', id: row.stixId, tlp: row.tlp ?? 'unmarked', authorOrgId: row.authorOrgId }, decision });
    }
    // in slices: one audit INSERT carries a bounded number of bind parameters
    for (let start = 0; start < reads.length; start += AUDIT_SLICE) await this.audit.recordReads(principal, reads.slice(start, start + AUDIT_SLICE), 'rest');
    return readable;
  }

  count(manager?: EntityManager): Promise<number> {
    return this.objects.count(manager);
  }
}

function versionRow(obj: Record<string, unknown>, submissionTlp: TlpLabel | undefined): StixObjectVersion {
  const version = versionOf(obj);
  return {
    stixId: obj.id as string,
    version,
    modifiedAt: versionInstant(version),
    type: obj.type as string,
    createdByRef: typeof obj.created_by_ref === 'string' ? obj.created_by_ref : null,
    tlp: objectTlp(obj, submissionTlp) ?? null,
    revoked: obj.revoked === true,
    object: obj,
  };
}
