import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory } from '@isac/organisations';
import { unresolvedReferences, validateBundle, type TlpLabel, type ValidationReport } from '@isac/stix';
import { canRead, parseTlpLabel } from '@isac/tlp';
import { StixObjectRepository, type StixObjectVersion } from './stix-object.repository.js';
import { conflictsWithStore, objectTlp, STORE_CODES, unsafeKeys, versionInstant, versionOf, withinBundleConflicts, type StoreProblem } from './versioning.js';

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
    const report = validateBundle(bundle);
    if (!report.valid) return report; // ids and timestamps must be sound before the store is asked
    const errors = await this.checkAgainstStore(bundle as { objects: Record<string, unknown>[] }, manager);
    return { valid: errors.length === 0, errors, warnings: report.warnings };
  }

  /** The store's own checks of a bundle the validator accepted (references, versions, revocation). */
  async checkAgainstStore(bundle: { objects: Record<string, unknown>[] }, manager?: EntityManager): Promise<StoreProblem[]> {
    const objects = bundle.objects;
    const outside = unresolvedReferences(bundle);
    const [stored, network] = await Promise.all([this.objects.existingIds([...new Set(outside.map((u) => u.ref))], manager), this.network.network()]);
    // the identities of the network's organisations are known to every member (GET /organisations/:slug)
    const identities = new Set(network.all().map((o) => o.stixIdentityId));
    const dangling: StoreProblem[] = outside.filter((u) => !stored.has(u.ref) && !identities.has(u.ref)).map((u) => ({
      code: isMarkingPointer(u.pointer) ? STORE_CODES.UNKNOWN_MARKING : STORE_CODES.UNRESOLVED_REFERENCE,
      message: isMarkingPointer(u.pointer)
        ? `${u.ref} is neither a TLP marking nor a marking definition in the bundle or the hub`
        : `${u.ref} resolves neither within the bundle nor in the hub`,
      index: u.index,
      ...(u.id === undefined ? {} : { id: u.id }),
      pointer: u.pointer,
    }));
    const ids = [...new Set(objects.map((o) => o.id as string))];
    const versions = await this.objects.versionsOf(ids, manager);
    return [...unsafeKeys(objects), ...dangling, ...withinBundleConflicts(objects), ...conflictsWithStore(objects, versions)];
  }

  /** Stores every object of a validated submission; versions already held are left as they are. */
  async store(objects: Record<string, unknown>[], options: StoreOptions, manager?: EntityManager): Promise<{ stored: number; unchanged: number }> {
    const versions: StixObjectVersion[] = objects.map((obj) => {
      const version = versionOf(obj);
      return {
        stixId: obj.id as string,
        version,
        modifiedAt: versionInstant(version),
        type: obj.type as string,
        createdByRef: typeof obj.created_by_ref === 'string' ? obj.created_by_ref : null,
        tlp: objectTlp(obj, options.tlp) ?? null,
        revoked: obj.revoked === true,
        object: obj,
      };
    });
    // ids that may have several versions now: already stored, or more than once in this submission
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const v of versions) (seen.has(v.stixId) ? repeated : seen).add(v.stixId);
    const stored = await this.objects.existingIds([...seen], manager);
    const reversion = [...new Set([...repeated, ...stored])];
    const inserted = await this.objects.insertVersions(versions, options.authorOrgId, options.recipientOrgIds, reversion, manager);
    return { stored: inserted, unchanged: versions.length - inserted };
  }

  /**
   * The current versions of `ids` that the principal's organisation may read (DESIGN §2, through
   * canRead); revoked objects are left out (§3.6.2: no longer to be relied on). Audited reads are logged.
   */
  async readCurrent(ids: string[], principal: Principal): Promise<ReadableObject[]> {
    const [rows, network] = await Promise.all([this.objects.currentOf(ids), this.network.network()]);
    const reads = [];
    const readable: ReadableObject[] = [];
    for (const row of rows) {
      if (row.revoked) continue;
      const item = { tlp: row.tlp === null ? undefined : parseTlpLabel(row.tlp), authorOrgId: row.authorOrgId, recipientOrgIds: row.recipientOrgIds, kind: 'stix' as const };
      const decision = canRead(item, { orgId: principal.organisation.id }, network);
      if (!decision.allowed) continue;
      readable.push({ object: row.object, tlp: row.tlp });
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
