import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import {
  checkableObjects,
  objectAsSeenBy,
  referencesOutsideBundle,
  SCO_TYPES,
  unresolvedReferences,
  validateBundle,
  type TlpLabel,
  type ValidationReport,
} from '@isac/stix';
import { canCopyAs, canRead, MARKING_DEFINITION_LABEL, parseTlpLabel } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { SHARED_OWNER } from './stix-object.entity.js';
import { StixObjectRepository, type StixObjectVersion } from './stix-object.repository.js';
import {
  conflictsWithStore,
  objectTlp,
  repeatedVersions,
  STORE_CODES,
  unsafeKeys,
  versionInstant,
  versionOf,
  withinBundleConflicts,
  type StoreProblem,
} from './versioning.js';

export interface StoreOptions {
  authorOrgId: string;
  recipientOrgIds: string[];
  /** The TLP of the submission, for objects without a marking of their own. */
  tlp: TlpLabel | undefined;
  /** issue 19: the exercise whose inject stores them; the versions written are marked as its own */
  exerciseId?: string | null;
}

/** Who writes a submission (its objects' owner), and the submission's TLP for objects without their own. */
export interface Writer {
  orgId: string;
  tlp?: TlpLabel;
}

/** The current version of an owner's own copy, as holdOwnCopies answers it. */
export interface OwnCopy {
  stixId: string;
  version: string;
  revoked: boolean;
  tlp: string | null;
  recipientOrgIds: string[];
  object: Record<string, unknown>;
}

export interface ReadableObject {
  object: Record<string, unknown>;
  tlp: string | null;
}

/** What `checkForStorage` found: the problems, and which of the submission's ids the writer already holds. */
export interface StorageCheck {
  problems: StoreProblem[];
  /** references that resolve neither in the submission nor in what the writer may read: STIX lets them dangle */
  warnings: StoreProblem[];
  /** ids of which the writer holds a copy (for marking definitions: which the store holds) */
  heldIds: ReadonlySet<string>;
  /** The transaction whose locks the check was made under (none outside a transaction); opaque. */
  lockedIn?: object;
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
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * The validator's report plus what only the store can tell: references that resolve neither in
   * the bundle nor in what the writer may read, and versions that contradict each other or the
   * writer's own copies. What the writer may not read is, in every answer, absent (no oracle).
   */
  async validate(bundle: unknown, writer: Writer): Promise<ValidationReport> {
    return (await this.validateForStorage(bundle, writer)).report;
  }

  /** `validate`, with the store's check when it was made: to pass on to `store` in the same unit of work. */
  async validateForStorage(bundle: unknown, writer: Writer): Promise<{ report: ValidationReport; checked?: StorageCheck }> {
    const report = validateBundle(bundle);
    // the store's checks run whatever the validator found, on what can be looked up: every problem in one pass
    const objects = checkableObjects(bundle);
    if (objects === undefined) return { report };
    const checked = await this.checkForStorage(objects, writer);
    const errors = [...report.errors, ...checked.problems];
    return { report: { valid: errors.length === 0, errors, warnings: [...report.warnings, ...checked.warnings] }, checked };
  }

  /**
   * The store's checks of a submission by `writer`, with what storing it needs to know of the store
   * (which of its ids the writer holds already); pass the result to `store` in the same unit of work.
   * DESIGN §2 ownership: versions and revocation are checked against the writer's own copies only
   * (another organisation's copy of the same id never conflicts); references resolve against the
   * bundle, the network's identities and the copies the writer may read; an object the writer
   * holds only as a recipient may not be copied under a weaker marking (canCopyAs). The ids the
   * objects carry and the ids they refer to outside the bundle are looked up in one query.
   * In a unit of work, the objects' ids are locked first until it ends (see lockIds): what is found
   * here — which ids are held, which are revoked — then still holds when `store` writes.
   */
  async checkForStorage(objects: Record<string, unknown>[], writer: Writer): Promise<StorageCheck> {
    const outside = referencesOutsideBundle({ objects });
    const own = new Set<string>();
    for (const obj of objects) if (typeof obj.id === 'string') own.add(obj.id);
    const ids = new Set<string>([...own, ...outside]);
    const storedNow = async () => {
      await this.objects.lockIds(own);
      return this.objects.rowsOf([...ids]);
    };
    const [rows, network] = await Promise.all([storedNow(), this.network.network()]);
    const held = rows.filter((r) => r.authorOrgId === writer.orgId || r.authorOrgId === SHARED_OWNER);
    const heldIds = new Set(held.map((h) => h.stixId));
    // the versions of other owners' copies that the writer may read: everything else counts as absent
    const received = new Map<string, { tlp: TlpLabel | undefined; from: string }[]>();
    for (const r of rows) {
      if (r.authorOrgId === writer.orgId || r.authorOrgId === SHARED_OWNER) continue;
      const tlp = r.tlp === null ? undefined : parseTlpLabel(r.tlp);
      if (!canRead({ tlp, authorOrgId: r.authorOrgId, recipientOrgIds: r.recipientOrgIds, kind: 'stix' }, { orgId: writer.orgId }, network).allowed) continue;
      received.set(r.stixId, [...(received.get(r.stixId) ?? []), { tlp, from: network.byId(r.authorOrgId)?.slug ?? 'another organisation' }]);
    }
    // the identities of the network's organisations are known to every member (GET /organisations/:slug)
    const identities = new Set(network.all().map((o) => o.stixIdentityId));
    const known = (ref: string) => heldIds.has(ref) || received.has(ref) || identities.has(ref);
    // where each dangling reference sits is worked out only when there is one
    const unresolved = outside.every(known) ? [] : unresolvedReferences({ objects }, known);
    // STIX 2.1 does not require a referenced object to be present: a dangling reference is a warning,
    // except a marking, which the hub must apply to decide who reads the object (fail closed)
    const dangling: StoreProblem[] = unresolved.map((u) => ({
      code: isMarkingPointer(u.pointer) ? STORE_CODES.UNKNOWN_MARKING : STORE_CODES.UNRESOLVED_REFERENCE,
      message: isMarkingPointer(u.pointer)
        ? `${u.ref} is neither a TLP marking nor a marking definition in the bundle or the hub: the object cannot be stored until its marking is known`
        : `${u.ref} resolves neither within the bundle nor in what you may read in the hub (STIX allows it; the reference is kept as sent)`,
      index: u.index,
      ...(u.id === undefined ? {} : { id: u.id }),
      pointer: u.pointer,
    }));
    // content is read back only for the versions the submission repeats (a re-sent report)
    const repeated = repeatedVersions(objects, held);
    const texts = await this.objects.storedTexts(repeated.map((k) => ({ ...k, authorOrgId: ownerOf(k.stixId, writer.orgId) })));
    const stored = held.map((h) => ({ ...h, text: texts.get(h.stixId, h.version) }));
    const unknownMarkings = dangling.filter((d) => d.code === STORE_CODES.UNKNOWN_MARKING);
    const warnings = dangling.filter((d) => d.code !== STORE_CODES.UNKNOWN_MARKING);
    const problems = [
      ...unsafeKeys(objects),
      ...unknownMarkings,
      ...withinBundleConflicts(objects),
      ...conflictsWithStore(objects, stored),
      ...copyMarkingProblems(objects, writer, received),
    ];
    const lockedIn = this.objects.currentTransaction();
    return { problems, warnings, heldIds, ...(lockedIn ? { lockedIn } : {}) };
  }

  /**
   * Stores every object of a validated submission as the copies of `options.authorOrgId` (marking
   * definitions once, for everyone); versions already held are left as they are. `checked` is the
   * submission's `checkForStorage` in the same unit of work, made under the same locks (else the
   * store is asked again, once locked). A check made outside it may be stale and is
   * trusted all the same: only the COPY's fallback then catches a version stored meanwhile.
   */
  store(objects: Record<string, unknown>[], options: StoreOptions, checked?: StorageCheck): Promise<{ stored: number; unchanged: number }> {
    // a submission is stored whole or not at all: in the caller's unit of work, or one of its own
    return this.unitOfWork.run(() => this.storeInTransaction(objects, options, checked));
  }

  private async storeInTransaction(
    objects: Record<string, unknown>[],
    options: StoreOptions,
    checked?: StorageCheck,
  ): Promise<{ stored: number; unchanged: number }> {
    const ids = new Set<string>();
    const repeated = new Set<string>();
    for (const obj of objects) {
      const id = obj.id as string;
      (ids.has(id) ? repeated : ids).add(id);
    }
    // taken already when `checked` was made in this transaction; else now, before the store is asked
    if (checked?.lockedIn !== this.objects.currentTransaction()) await this.objects.lockIds(ids);
    const heldIds =
      checked?.heldIds ??
      new Set(
        (await this.objects.rowsOf([...ids])).filter((r) => r.authorOrgId === options.authorOrgId || r.authorOrgId === SHARED_OWNER).map((h) => h.stixId),
      );
    // ids that may have several versions now: already held, or more than once in this submission
    const several = new Set(repeated);
    for (const id of ids) if (heldIds.has(id)) several.add(id);
    let inserted = 0;
    const owned = objects.filter((o) => !isMarkingDefinition(o.id));
    const shared = owned.length === objects.length ? [] : objects.filter((o) => isMarkingDefinition(o.id));
    for (const [group, owner, recipients, tlp] of [
      [owned, options.authorOrgId, options.recipientOrgIds, options.tlp],
      // DESIGN §2: marking definitions have no owner and are readable by every organisation of the network
      [shared, SHARED_OWNER, [], MARKING_DEFINITION_LABEL],
    ] as const) {
      if (group.length === 0) continue;
      // rows are made as they are streamed (one chunk of them exists at a time), only for the ids asked for
      const rows = function* (keep: (stixId: string) => boolean) {
        for (const obj of group) if (keep(obj.id as string)) yield versionRow(obj, tlp, owner === SHARED_OWNER);
      };
      inserted += await this.objects.insertVersions(rows, owner, [...recipients], several);
      await this.objects.markCurrent(
        [...several].filter((id) => isMarkingDefinition(id) === (owner === SHARED_OWNER)),
        owner,
      );
    }
    if (options.exerciseId) await this.objects.markExercise(options.exerciseId, options.authorOrgId, [...ids]);
    return { stored: inserted, unchanged: objects.length - inserted };
  }

  /**
   * For a writer that derives its objects from records of its own (the registers, issue 18): locks
   * these ids until the unit of work ends (one call, as checkForStorage takes them) and answers the
   * owner's current copies of them, revoked or not, with what to pass `store` as its check. Derived
   * objects need no check against the store: their versions follow the records, later than the copies
   * answered here. Outside a unit of work nothing is locked, as for checkForStorage.
   */
  async holdOwnCopies(ids: string[], ownerOrgId: string): Promise<{ copies: OwnCopy[]; checked: StorageCheck }> {
    await this.objects.lockIds(ids);
    const rows = await this.objects.rowsOf(ids);
    const copies = await this.ownCopies(ids, ownerOrgId);
    const heldIds = new Set(rows.filter((r) => r.authorOrgId === ownerOrgId).map((r) => r.stixId));
    const lockedIn = this.objects.currentTransaction();
    return { copies, checked: { problems: [], warnings: [], heldIds, ...(lockedIn ? { lockedIn } : {}) } };
  }

  /** The owner's current copies of these ids, revoked or not, unlocked: for a writer of derived objects (see holdOwnCopies). */
  async ownCopies(ids: string[], ownerOrgId: string): Promise<OwnCopy[]> {
    return (await this.objects.currentOf(ids, [ownerOrgId])).map((c) => ({
      stixId: c.stixId,
      version: versionOf(c.object),
      revoked: c.revoked,
      tlp: c.tlp,
      recipientOrgIds: c.recipientOrgIds,
      object: c.object,
    }));
  }

  /** Issue 19: the purge of an exercise removes the object versions it stored (in the caller's unit of work). */
  purgeExercise(exerciseId: string): Promise<number> {
    return this.objects.purgeExercise(exerciseId);
  }

  /**
   * TAXII §5.7: deletes these versions of one owner's copy of an id under the id's lock, in the
   * caller's unit of work or one of its own, as `checkForStorage` and `store` lock: a store of the
   * same id waits for the delete, or the delete for it, so exactly one version stays current — the
   * latest remaining, marked seeing what the other committed.
   */
  deleteVersions(stixId: string, ownerOrgId: string, versions: string[]): Promise<number> {
    return this.unitOfWork.run(async () => {
      await this.objects.lockIds([stixId]);
      return this.objects.deleteVersions(stixId, ownerOrgId, versions);
    });
  }

  /**
   * The current versions of `ids` in the copies of `ownerOrgId` (and the shared marking
   * definitions) that the principal's organisation may read (DESIGN §2, through canRead), as far
   * as their granular markings let it (objectAsSeenBy); revoked objects are left out (§3.6.2: no
   * longer to be relied on). Audited reads are logged.
   */
  async readCurrent(ids: string[], ownerOrgId: string, principal: Principal): Promise<ReadableObject[]> {
    const [rows, network] = await Promise.all([this.objects.currentOf(ids, [ownerOrgId, SHARED_OWNER]), this.network.network()]);
    const reads = [];
    const readable: ReadableObject[] = [];
    for (const row of rows) {
      if (row.revoked) continue;
      const item = {
        tlp: row.tlp === null ? undefined : parseTlpLabel(row.tlp),
        authorOrgId: row.authorOrgId,
        recipientOrgIds: row.recipientOrgIds,
        kind: 'stix' as const,
      };
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

  count(): Promise<number> {
    return this.objects.count();
  }
}

const isMarkingDefinition = (id: unknown) => typeof id === 'string' && id.startsWith('marking-definition--');

/** Whose copy an id of `writerOrgId`'s submission is: a marking definition is nobody's. */
const ownerOf = (stixId: string, writerOrgId: string) => (isMarkingDefinition(stixId) ? SHARED_OWNER : writerOrgId);

const OBSERVABLE_TYPES: ReadonlySet<string> = new Set(SCO_TYPES);

/**
 * DESIGN §2: an object the writer holds only as a recipient (it may read another organisation's
 * copy) cannot be copied under a weaker marking than it was received under. Where the writer may
 * read several copies or versions (an owner may have tightened a marking since), the least
 * restrictive of them is what it received the object under.
 * Observables are reported under each reporter's own marking: an SCO's id is derived from its
 * value, so the same address observed by two organisations is one id the hub cannot tell from a
 * copy, and what is sensitive about it — where it was seen — lives in the objects referring to it.
 */
function copyMarkingProblems(
  objects: Record<string, unknown>[],
  writer: Writer,
  received: ReadonlyMap<string, { tlp: TlpLabel | undefined; from: string }[]>,
): StoreProblem[] {
  if (received.size === 0) return [];
  const problems: StoreProblem[] = [];
  objects.forEach((obj, index) => {
    const copies = typeof obj.id === 'string' && !isMarkingDefinition(obj.id) && !OBSERVABLE_TYPES.has(obj.type as string) ? received.get(obj.id) : undefined;
    if (copies === undefined) return;
    const copyTlp = objectTlp(obj, writer.tlp);
    const decisions = copies.map((c) => canCopyAs(c.tlp, copyTlp, c.from));
    if (decisions.some((d) => d.allowed)) return;
    problems.push({
      code: STORE_CODES.WEAKER_THAN_RECEIVED,
      message: decisions[0].reason,
      index,
      id: obj.id as string,
      pointer: `/objects/${index}/object_marking_refs`,
    });
  });
  return problems;
}

function versionRow(obj: Record<string, unknown>, submissionTlp: TlpLabel | undefined, markingDefinition = false): StixObjectVersion {
  const version = versionOf(obj);
  return {
    stixId: obj.id as string,
    version,
    modifiedAt: versionInstant(version),
    type: obj.type as string,
    createdByRef: typeof obj.created_by_ref === 'string' ? obj.created_by_ref : null,
    tlp: markingDefinition ? (submissionTlp ?? null) : (objectTlp(obj, submissionTlp) ?? null),
    revoked: obj.revoked === true,
    object: obj,
  };
}
