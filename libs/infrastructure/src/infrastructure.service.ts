import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, type FieldProblem } from '@isac/problems';
import { canRead, parseTlpLabel, type Decision } from '@isac/tlp';
import { CpeSyntaxError, parseProductName } from './cpe.js';
import { exposedEntries, isExternalProvider, lookupKeys, normaliseProvider, parseTargets, productKey, type ExposureTargets } from './exposure.js';
import { dependencyGraph } from './graph.js';
import { reachSummary } from './reach.js';
import type { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { DEFAULT_ENTRY_TLP, EXTERNAL_PREFIX, type AssetKind, type Criticality } from './register.types.js';

export interface RegisterEntryRequest {
  name: string;
  kind: AssetKind;
  criticality: Criticality;
  products?: string[];
  dependsOn?: string[];
  tlp?: string;
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
const queryPointer = (pointer: string) => pointer.replace(/^\/products\/0\/cpe$/, '/product').replace(/^\/products\/0\//, '/').replace(/^\/products\/0$/, '/product');

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
}

export type ExposureResult = { ok: true; exposed: ExposedOrganisation[] } | { ok: false; problems: FieldProblem[] };

const invalid = (problems: FieldProblem[]) => new DomainError('INFRASTRUCTURE.INVALID', `The register entry is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);

export const readableEntry = (e: Pick<InfrastructureEntryEntity, 'tlp' | 'orgId' | 'recipientOrgIds'>) => ({ tlp: e.tlp, authorOrgId: e.orgId, recipientOrgIds: e.recipientOrgIds });
const auditItem = (e: InfrastructureEntryEntity) => ({ kind: 'infrastructure-entry', id: e.id, tlp: e.tlp, authorOrgId: e.orgId });

/** The sector unit an organisation's register is addressed to: its parent, or itself for a unit. */
function sectorUnitOf(orgId: string, network: NetworkSnapshot): string | null {
  const org = network.byId(orgId);
  if (!org) return null;
  if (org.kind === 'sector-unit') return org.id;
  return org.kind === 'member' ? org.parentId : null;
}

/** Issue 18: registers of critical services, their graph, and who a product or provider warning exposes. */
@Injectable()
export class InfrastructureService {
  constructor(
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  async register(principal: Principal, request: RegisterEntryRequest) {
    const network = await this.directory.network();
    const problems: FieldProblem[] = [];
    const productKeys: string[] = [];
    (request.products ?? []).forEach((formatted, i) => {
      try {
        productKeys.push(productKey(parseProductName(formatted))!);
      } catch (error) {
        if (!(error instanceof CpeSyntaxError)) throw error;
        problems.push({ pointer: `/products/${i}`, detail: `"${formatted}" is not a CPE 2.3 product name: ${error.message}`, code: 'INFRASTRUCTURE.BAD_CPE' });
      }
    });
    const dependsOn = (request.dependsOn ?? []).map(normaliseProvider);
    dependsOn.forEach((provider, i) => {
      if (provider.startsWith(EXTERNAL_PREFIX) ? !isExternalProvider(provider) : !network.bySlug(provider)) {
        problems.push({ pointer: `/dependsOn/${i}`, detail: `"${request.dependsOn![i]}" is neither an organisation of the network nor "external:<supplier name>"` });
      }
    });
    const tlp = request.tlp === undefined ? DEFAULT_ENTRY_TLP : parseTlpLabel(request.tlp);
    if (tlp === undefined) problems.push({ pointer: '/tlp', detail: `"${request.tlp}" is not a TLP label`, code: 'TLP.INVALID' });
    if (problems.length) throw invalid(problems);
    const me = principal.organisation.id;
    const centre = network.all().find((o) => o.kind === 'centre');
    const recipients = [...new Set([centre?.id, sectorUnitOf(me, network)].filter((id): id is string => !!id && id !== me))];
    const entry = await this.entries.insert({
      orgId: me,
      name: request.name,
      kind: request.kind,
      criticality: request.criticality,
      products: request.products ?? [],
      productKeys: [...new Set(productKeys)],
      dependsOn: [...new Set(dependsOn)],
      tlp: tlp!,
      recipientOrgIds: recipients,
    });
    return entryView(entry, network);
  }

  /** The entries the caller may read, each passed through the TLP policy; reads of others' AMBER and RED are audited. */
  async list(principal: Principal, query: RegisterQuery) {
    const { network, readable } = await this.readable(principal, query);
    return { entries: readable.map((r) => entryView(r.entry, network)) };
  }

  async graph(principal: Principal, query: RegisterQuery) {
    const { network, readable } = await this.readable(principal, query);
    return dependencyGraph(readable.map(({ entry }) => ({ id: entry.id, orgSlug: network.byId(entry.orgId)?.slug ?? entry.orgId, name: entry.name, criticality: entry.criticality, dependsOn: entry.dependsOn })));
  }

  private async readable(principal: Principal, query: RegisterQuery) {
    const network = await this.directory.network();
    let orgIds: string[] | undefined;
    if (query.organisation !== undefined) orgIds = [network.bySlug(query.organisation)?.id].filter((id): id is string => !!id);
    if (query.sector !== undefined) {
      const inSector = network.inSector(query.sector).map((o) => o.id);
      orgIds = orgIds ? orgIds.filter((id) => inSector.includes(id)) : inSector;
    }
    const reader = { orgId: principal.organisation.id, parentId: principal.organisation.parentId ?? null };
    const readable: { entry: InfrastructureEntryEntity; decision: Decision }[] = [];
    for (const entry of orgIds && orgIds.length === 0 ? [] : await this.entries.candidatesFor(reader, orgIds)) {
      const decision = canRead(readableEntry(entry), { orgId: reader.orgId }, network);
      if (decision.allowed) readable.push({ entry, decision });
    }
    await this.audit.recordReads(principal, readable.map((r) => ({ item: auditItem(r.entry), decision: r.decision })), 'rest');
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
    await this.audit.recordReads(principal, matched.map((m) => ({ item: auditItem(m.entry), decision: m.decision })), 'rest');
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
      return { ok: false, problems: [{ pointer: base, detail: 'only the centre and sector units address warnings by products or dependsOn', code: 'INFRASTRUCTURE.OUT_OF_SCOPE' }] };
    }
    const parsed = parseTargets(targets, base);
    if (!parsed.ok) return parsed;
    const scope = author.kind === 'centre' ? null : [author.id, ...network.inSector(author.sector!).map((o) => o.id)];
    const keys = lookupKeys(parsed.targets);
    const candidates = await this.entries.exposureRows(scope, keys.productKeys, keys.providers, parsed.targets.products.length > 0);
    const exposed = new Map<string, ExposedOrganisation>();
    for (const entry of exposedEntries(candidates, parsed.targets)) {
      const nameable = canRead(readableEntry(entry), { orgId: authorOrgId }, network).allowed;
      const known = exposed.get(entry.orgId);
      exposed.set(entry.orgId, { orgId: entry.orgId, sectorUnitId: sectorUnitOf(entry.orgId, network), nameable: nameable || (known?.nameable ?? false) });
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
  };
}
