// The rule for composed documents (DESIGN §2): an agenda, minutes, a briefing, insights, any digest or
// export reaches only organisations that may read every source it names, and each reader sees only
// the sources it may read. Built on canRead alone: nothing here decides who may read one item.
import { allow, deny, type Decision } from './decision.js';
import { TLP_LABELS, mostRestrictive, restrictionRank, type TlpLabel } from './labels.js';
import { effectiveIncidentTlp } from './markings.js';
import { canRead, type Network, type NetworkOrg, type ReadableItem, type Reader } from './policy.js';

/** Who writes a composed document and whom it is addressed to; its marking is what composedMarking chooses. */
export interface ComposedDocument {
  authorOrgId: string;
  recipientOrgIds: readonly string[];
}

export type ComposedMarking =
  | { ok: true; tlp: TlpLabel; reason: string }
  /** Not even TLP:RED keeps it within its sources: the author or a recipient may not read one of them. */
  | { ok: false; code: 'TLP.COMPOSED_SOURCE_NOT_READABLE'; reason: string; notReadableBy: string[] };

export interface ComposedMarkingOptions {
  /** The least restrictive marking the document may carry (a meeting's own TLP); TLP:CLEAR unless given. */
  floor?: TlpLabel;
  /** Every organisation of the network, so a rule about any of them is tested too. */
  population?: Iterable<string>;
}

/** The label a source counts with: an unmarked incident is AMBER+STRICT (DESIGN §2), any other unmarked item its author's alone. */
function labelOf(source: ReadableItem): TlpLabel {
  if (source.kind === 'incident') return effectiveIncidentTlp(source.tlp);
  return source.tlp ?? 'TLP:RED';
}

// Probes stand for organisations the network may not hold yet: members join later (under a sector
// unit, DESIGN §1), and a document must not reach a member that joins tomorrow any more than one that
// exists today.
const PROBE = '\u0000probe:';

function probeNetwork(network: Network, named: readonly string[]): { network: Network; readers: Reader[] } {
  const probes = new Map<string, NetworkOrg>();
  for (const id of named.filter((id) => network.org(id)?.kind === 'sector-unit'))
    probes.set(`${PROBE}member-of:${id}`, { id: `${PROBE}member-of:${id}`, slug: `a member of ${network.org(id)?.slug ?? id}`, kind: 'member', parentId: id });
  probes.set(`${PROBE}centre`, { id: `${PROBE}centre`, slug: 'an unnamed centre', kind: 'centre' });
  probes.set(`${PROBE}unit`, { id: `${PROBE}unit`, slug: 'an unnamed sector unit', kind: 'sector-unit', sector: `${PROBE}sector` });
  probes.set(`${PROBE}member`, {
    id: `${PROBE}member`,
    slug: 'a member of an unnamed unit',
    kind: 'member',
    sector: `${PROBE}sector`,
    parentId: `${PROBE}unit`,
  });
  const wrapped: Network = { org: (id) => probes.get(id) ?? network.org(id) };
  return { network: wrapped, readers: [null, ...[...new Set([...named, ...probes.keys()])].map((orgId) => ({ orgId }))] };
}

function readerName(reader: Reader, network: Network): string {
  return reader === null ? 'anyone without a key' : (network.org(reader.orgId)?.slug ?? reader.orgId);
}

/** The first reader the document under `tlp` reaches who may not read every source, if any. */
function overreach(doc: ComposedDocument, tlp: TlpLabel, sources: readonly ReadableItem[], readers: readonly Reader[], network: Network): Reader[] {
  const item: ReadableItem = { tlp, authorOrgId: doc.authorOrgId, recipientOrgIds: doc.recipientOrgIds };
  return readers.filter((reader) => canRead(item, reader, network).allowed && sources.some((source) => !canRead(source, reader, network).allowed));
}

/**
 * The marking of a document composed from `sources`, sent by `doc.authorOrgId` to `doc.recipientOrgIds`:
 * the least restrictive label, no weaker than the floor nor than the strictest source (FIRST TLP 2.0: a
 * compilation carries the strictest label it contains), under which every organisation the policy
 * lets read the document — members of the recipients included, those to come as well — may read
 * every source. So TLP:AMBER becomes TLP:AMBER+STRICT when a recipient's members may not read a source.
 */
export function composedMarking(
  doc: ComposedDocument,
  sources: readonly ReadableItem[],
  network: Network,
  options: ComposedMarkingOptions = {},
): ComposedMarking {
  const strictest = mostRestrictive([options.floor ?? 'TLP:CLEAR', ...sources.map(labelOf)])!;
  const named = new Set([doc.authorOrgId, ...doc.recipientOrgIds, ...(options.population ?? [])]);
  for (const source of sources) for (const id of [source.authorOrgId, ...source.recipientOrgIds]) named.add(id);
  const probed = probeNetwork(network, [...named]);
  let widerReader: Reader | undefined;
  for (const tlp of TLP_LABELS.slice(restrictionRank(strictest))) {
    const over = overreach(doc, tlp, sources, probed.readers, probed.network);
    if (over.length === 0) {
      const reason = widerReader === undefined
        ? `${tlp}: the strictest of the document's own marking and its sources.`
        : `${tlp}: under ${strictest}, ${readerName(widerReader, probed.network)} could read the document but not every source it names.`;
      return { ok: true, tlp, reason };
    }
    widerReader ??= over[0];
    if (tlp === 'TLP:RED') {
      const notReadableBy = over.map((r) => readerName(r, probed.network));
      return {
        ok: false,
        code: 'TLP.COMPOSED_SOURCE_NOT_READABLE',
        reason: `Even as TLP:RED the document would reach ${notReadableBy.join(', ')}, who may not read every source it names.`,
        notReadableBy,
      };
    }
  }
  throw new Error('unreachable: TLP:RED is the last label');
}

export interface SourceRead<T> {
  source: T;
  decision: Decision;
}

export interface ReaderScreen<T> {
  /** The sources the reader may read, with the decisions to write to the audit log (as reads of each source). */
  readable: SourceRead<T>[];
  /** The sources it may not read: a reader is told how many, never which (no ids, markings or authors). */
  unreadable: number;
}

/** Per reader: which sources it may see of a document composed for it, each judged by canRead. */
export function screenSources<T extends ReadableItem>(sources: readonly T[], reader: Reader, network: Network): ReaderScreen<T> {
  const readable: SourceRead<T>[] = [];
  let unreadable = 0;
  for (const source of sources) {
    const decision = canRead(source, reader, network);
    if (decision.allowed) readable.push({ source, decision });
    else unreadable++;
  }
  return { readable, unreadable };
}

/**
 * May `reader` read a composed document as a whole? Only if it may read the document itself (as an
 * item with its marking, author and recipients) and every source it names. On allow, `reads` are the
 * source reads to audit; the denial names no source.
 */
export function canReadComposed<T extends ReadableItem>(
  doc: ReadableItem,
  sources: readonly T[],
  reader: Reader,
  network: Network,
): { decision: Decision; reads: SourceRead<T>[] } {
  const own = canRead(doc, reader, network);
  if (!own.allowed) return { decision: own, reads: [] };
  const screen = screenSources(sources, reader, network);
  if (screen.unreadable > 0) {
    const name = readerName(reader, network);
    const items = `${screen.unreadable} ${screen.unreadable === 1 ? 'item' : 'items'}`;
    return {
      decision: deny('TLP.COMPOSED_SOURCE_NOT_READABLE', `The document names ${items} ${name} may not read, so ${name} may not read it.`),
      reads: [],
    };
  }
  const audited = own.audited || screen.readable.some((r) => r.decision.allowed && r.decision.audited);
  return { decision: allow(`${own.reason} It names only items ${readerName(reader, network)} may read.`, audited), reads: screen.readable };
}
