import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, type FieldProblem } from '@isac/problems';
import { canRead, type Decision, type TlpLabel } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { exposedEntries, lookupKeys, matchOf, parseTargets, type ExposureTargets } from './exposure.js';
import { dependencyGraph } from './graph.js';
import { reachSummary } from './reach.js';
import type { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
import { InfrastructureEntryRepository, type NewEntry } from './infrastructure-entry.repository.js';
import { changedFields, checkEntry, entryRecipients, sectorUnitOf, type RegisterEntryRequest } from './register-entry.js';
import type { RegisterChange } from './infrastructure-change.entity.js';
import type { AssetKind, Criticality } from './register.types.js';
import { INFRASTRUCTURE_ERRORS } from './errors.js';
import { RegisterStixStore } from './register-stix-store.service.js';

export type { RegisterEntryRequest };

/** A change to a register entry, with its marking: what the agenda's overview item is made of. */
export interface RegisterChangeView {
  id: string;
  entryId: string;
  change: RegisterChange;
  name: string;
  kind: AssetKind;
  criticality: Criticality;
  fields: string[];
  at: Date;
  orgId: string;
  orgSlug: string;
  tlp: TlpLabel;
  recipientOrgIds: string[];
}

export interface ReachQuery {
  product?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
  dependsOn?: string[];
}

// a query names its parameters, not the body's match-string structure
const queryPointer = (pointer: string) =>
  pointer
    .replace(/^\/products\/0\/cpe$/, '/product')
    .replace(/^\/products\/0\//, '/')
    .replace(/^\/products\/0$/, '/product');

export interface ReadableEntry {
  entry: InfrastructureEntryEntity;
  decision: Decision;
}

export interface RegisterQuery {
  organisation?: string;
  sector?: string;
}

/** An organisation a targeted audience exposes, with its sector unit and whether the author may be told its name. */
export interface ExposedOrganisation {
  orgId: string;
  sectorUnitId: string | null;
  /** the author may read at least one of the matching entries (receipts name it; otherwise they count it) */
  nameable: boolean;
  /** what of its own register matched, for the organisation itself only ("you run Ivanti Connect Secure 22.7R2.3") */
  matched: MatchedEntry[];
}

/** One entry of an exposed organisation's register and what of it a targeted audience matched. */
export interface MatchedEntry {
  entry: string;
  products: string[];
  dependsOn: string[];
}

export type ExposureResult = { ok: true; exposed: ExposedOrganisation[] } | { ok: false; problems: FieldProblem[] };

const notFound = (id: string) => new DomainError(INFRASTRUCTURE_ERRORS.notFound, `No register entry ${id}`);
const invalid = (problems: FieldProblem[]) =>
  new DomainError(INFRASTRUCTURE_ERRORS.invalid, `The register entry is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);

export const readableEntry = (e: Pick<InfrastructureEntryEntity, 'tlp' | 'orgId' | 'recipientOrgIds'>) => ({
  tlp: e.tlp,
  authorOrgId: e.orgId,
  recipientOrgIds: e.recipientOrgIds,
});
const auditItem = (e: InfrastructureEntryEntity) => ({ kind: 'infrastructure-entry', id: e.id, tlp: e.tlp, authorOrgId: e.orgId });

/** Issue 18: registers of critical services, their graph, and who a product or provider warning exposes. */
@Injectable()
export class InfrastructureService {
  constructor(
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly unitOfWork: UnitOfWork,
    private readonly registerStix: RegisterStixStore,
  ) {}

  /** A new entry, its `added` change and its STIX (the TAXII collections' copy), in one unit of work. */
  async register(principal: Principal, request: RegisterEntryRequest) {
    const network = await this.directory.network();
    const orgId = principal.organisation.id;
    const entry = await this.unitOfWork.run(async () => {
      await this.entries.lockRegister(orgId);
      const saved = await this.entries.insertRecorded(this.newEntry(orgId, request, network));
      await this.registerStix.record(orgId, [{ before: null, after: saved }], saved.updatedAt);
      return saved;
    });
    return entryView(entry, network);
  }

  /**
   * The entry as its organisation would register it: checked (every problem with its pointer, all at
   * once) and addressed to the centre and the sector unit. The seed of example registers uses it too.
   */
  newEntry(orgId: string, request: RegisterEntryRequest, network: NetworkSnapshot): NewEntry {
    const checked = checkEntry(request, network);
    if (!checked.ok) throw invalid(checked.problems);
    return { orgId, ...checked.entry, recipientOrgIds: entryRecipients(orgId, network) };
  }

  /**
   * Replaces an entry of the caller's own register (the whole entry, as POST takes it). An entry the
   * caller may not read answers as a missing one (404); one it may read but that another organisation
   * holds is refused (403): only the holder changes what its readers see (DESIGN §2, ownership).
   */
  async update(principal: Principal, id: string, request: RegisterEntryRequest) {
    const network = await this.directory.network();
    await this.ownEntry(principal, id, network);
    const checked = checkEntry(request, network);
    if (!checked.ok) throw invalid(checked.problems);
    const orgId = principal.organisation.id;
    const saved = await this.unitOfWork.run(async () => {
      // the register's lock first, then the entry's row: every writer of a register takes them in that order
      await this.entries.lockRegister(orgId);
      const was: { entry?: InfrastructureEntryEntity } = {};
      const after = await this.entries.updateRecorded(id, (current) => {
        const fields = changedFields(current, checked.entry);
        if (fields.length) was.entry = { ...current, products: [...current.products], dependsOn: [...current.dependsOn] };
        return { next: checked.entry, fields };
      });
      if (after && was.entry) await this.registerStix.record(orgId, [{ before: was.entry, after }], after.updatedAt);
      return after;
    });
    if (!saved) throw notFound(id);
    return entryView(saved, network);
  }

  /** Removes an entry of the caller's own register; the same answers as update for others' entries. */
  async remove(principal: Principal, id: string) {
    const network = await this.directory.network();
    await this.ownEntry(principal, id, network);
    const orgId = principal.organisation.id;
    const removed = await this.unitOfWork.run(async () => {
      await this.entries.lockRegister(orgId);
      const entry = await this.entries.removeRecorded(id);
      // STIX 2.1 §3.6.2: a removed entry's objects are revoked, for the TAXII clients that pulled them
      if (entry) await this.registerStix.record(orgId, [{ before: entry, after: null }], new Date());
      return entry;
    });
    if (!removed) throw notFound(id);
    return entryView(removed, network);
  }

  private async ownEntry(principal: Principal, id: string, network: NetworkSnapshot): Promise<InfrastructureEntryEntity> {
    const me = principal.organisation.id;
    const entry = await this.entries.findById(id);
    if (!entry || !canRead(readableEntry(entry), { orgId: me }, network).allowed) throw notFound(id);
    if (entry.orgId !== me)
      throw new DomainError(
        INFRASTRUCTURE_ERRORS.forbidden,
        `Register entry ${id} belongs to another organisation's register: only its own analysts change or remove it`,
      );
    return entry;
  }

  /**
   * What changed in the registers of these organisations in (since, until], each change with its
   * entry's marking and recipients, unscreened: a composed document (the agenda) asks the TLP policy
   * about each one for each of its readers.
   */
  async changesBetween(orgIds: string[], since: Date | null, until: Date): Promise<RegisterChangeView[]> {
    const network = await this.directory.network();
    return (await this.entries.changesBetween(orgIds, since, until)).map((c) => ({
      id: c.id,
      entryId: c.entryId,
      change: c.change,
      name: c.name,
      kind: c.kind,
      criticality: c.criticality,
      fields: c.fields,
      at: c.at,
      orgId: c.orgId,
      orgSlug: network.byId(c.orgId)?.slug ?? c.orgId,
      tlp: c.tlp,
      recipientOrgIds: c.recipientOrgIds,
    }));
  }

  /** The entries the caller may read, each passed through the TLP policy; reads of others' AMBER and RED are audited. */
  async list(principal: Principal, query: RegisterQuery) {
    const { network, readable } = await this.readable(principal, query);
    return { entries: readable.map((r) => entryView(r.entry, network)) };
  }

  async graph(principal: Principal, query: RegisterQuery) {
    const { network, readable } = await this.readable(principal, query);
    return dependencyGraph(
      readable.map(({ entry }) => ({
        id: entry.id,
        orgSlug: network.byId(entry.orgId)?.slug ?? entry.orgId,
        name: entry.name,
        criticality: entry.criticality,
        dependsOn: entry.dependsOn,
      })),
    );
  }

  /**
   * The one read path of registers (the list, the graph, the STIX bundle): the entries the caller may
   * read, each passed through the TLP policy, with reads of others' AMBER and RED audited.
   */
  async readable(principal: Principal, query: RegisterQuery): Promise<{ network: NetworkSnapshot; readable: ReadableEntry[] }> {
    const network = await this.directory.network();
    let orgIds: string[] | undefined;
    if (query.organisation !== undefined) orgIds = [network.bySlug(query.organisation)?.id].filter((id): id is string => !!id);
    if (query.sector !== undefined) {
      const inSector = network.inSector(query.sector).map((o) => o.id);
      orgIds = orgIds ? orgIds.filter((id) => inSector.includes(id)) : inSector;
    }
    const reader = { orgId: principal.organisation.id, parentId: principal.organisation.parentId ?? null };
    const readable: ReadableEntry[] = [];
    for (const entry of orgIds && orgIds.length === 0 ? [] : await this.entries.candidatesFor(reader, orgIds)) {
      const decision = canRead(readableEntry(entry), { orgId: reader.orgId }, network);
      if (decision.allowed) readable.push({ entry, decision });
    }
    await this.audit.recordReads(
      principal,
      readable.map((r) => ({ item: auditItem(r.entry), decision: r.decision })),
      'rest',
    );
    return { network, readable };
  }

  /**
   * Impact reach (issue 18): the register entries the caller may read that run a product the match
   * string covers or depend on a named provider, with their organisations and sectors — what the
   * centre weighs when a case names an affected product or provider. Only the entries returned are
   * read (and audited); the others stay unseen.
   */
  async reach(principal: Principal, query: ReachQuery) {
    const { product, dependsOn, ...range } = query;
    if (product === undefined && !dependsOn?.length) {
      throw invalid([{ pointer: '/product', detail: 'name a product (a CPE 2.3 match string) or providers (dependsOn)' }]);
    }
    const parsed = parseTargets({ products: product === undefined ? [] : [{ cpe: product, ...range }], dependsOn }, '');
    if (!parsed.ok) throw invalid(parsed.problems.map((p) => ({ pointer: queryPointer(p.pointer), detail: p.detail, code: 'INFRASTRUCTURE.BAD_CPE' })));
    const network = await this.directory.network();
    const keys = lookupKeys(parsed.targets);
    const candidates = await this.entries.exposureCandidates(null, keys.productKeys, keys.providers, parsed.targets.products.length > 0);
    const byProduct = new Set(exposedEntries(candidates, { products: parsed.targets.products, dependsOn: [] }).map((e) => e.id));
    const byProvider = new Set(exposedEntries(candidates, { products: [], dependsOn: parsed.targets.dependsOn }).map((e) => e.id));
    const me = principal.organisation.id;
    const matched: { entry: InfrastructureEntryEntity; decision: Decision; matched: ('product' | 'dependsOn')[] }[] = [];
    for (const entry of candidates) {
      const kinds = [...(byProduct.has(entry.id) ? (['product'] as const) : []), ...(byProvider.has(entry.id) ? (['dependsOn'] as const) : [])];
      if (!kinds.length) continue;
      const decision = canRead(readableEntry(entry), { orgId: me }, network);
      if (decision.allowed) matched.push({ entry, decision, matched: kinds });
    }
    matched.sort((a, b) => a.entry.createdAt.getTime() - b.entry.createdAt.getTime() || a.entry.id.localeCompare(b.entry.id));
    await this.audit.recordReads(
      principal,
      matched.map((m) => ({ item: auditItem(m.entry), decision: m.decision })),
      'rest',
    );
    const summary = reachSummary(
      matched.map(({ entry, matched: kinds }) => {
        const org = network.byId(entry.orgId);
        return { orgId: entry.orgId, orgSlug: org?.slug ?? null, sector: org?.sector ?? null, criticality: entry.criticality, matched: kinds };
      }),
    );
    return { entries: matched.map((m) => ({ ...entryView(m.entry, network), matched: m.matched })), ...summary };
  }

  /**
   * A targeted audience (issue 18): the organisations whose registers run a product the match
   * strings cover or depend on a named provider. The centre looks network-wide, a sector unit in its
   * own sector's registers; members do not target by exposure. `base` prefixes the JSON pointers.
   */
  async resolveExposure(authorOrgId: string, targets: ExposureTargets, base: string): Promise<ExposureResult> {
    const network = await this.directory.network();
    const author = network.byId(authorOrgId);
    if (!author || (author.kind !== 'centre' && author.kind !== 'sector-unit')) {
      return {
        ok: false,
        problems: [
          { pointer: base, detail: 'only the centre and sector units address warnings by products or dependsOn', code: 'INFRASTRUCTURE.OUT_OF_SCOPE' },
        ],
      };
    }
    const parsed = parseTargets(targets, base);
    if (!parsed.ok) return parsed;
    const scope = author.kind === 'centre' ? null : [author.id, ...network.inSector(author.sector!).map((o) => o.id)];
    const keys = lookupKeys(parsed.targets);
    const candidates = await this.entries.exposureRows(scope, keys.productKeys, keys.providers, parsed.targets.products.length > 0);
    const exposed = new Map<string, ExposedOrganisation>();
    for (const entry of exposedEntries(candidates, parsed.targets)) {
      const nameable = canRead(readableEntry(entry), { orgId: authorOrgId }, network).allowed;
      const known = exposed.get(entry.orgId) ?? { orgId: entry.orgId, sectorUnitId: sectorUnitOf(entry.orgId, network), nameable: false, matched: [] };
      known.nameable ||= nameable;
      known.matched.push({ entry: entry.name, ...matchOf(entry, parsed.targets) });
      exposed.set(entry.orgId, known);
    }
    return { ok: true, exposed: [...exposed.values()] };
  }
}

export function entryView(e: InfrastructureEntryEntity, network: NetworkSnapshot) {
  return {
    id: e.id,
    organisation: { id: e.orgId, slug: network.byId(e.orgId)?.slug ?? null },
    name: e.name,
    kind: e.kind,
    criticality: e.criticality,
    products: e.products,
    dependsOn: e.dependsOn,
    tlp: e.tlp,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
