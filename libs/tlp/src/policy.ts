// The one TLP policy of the hub (DESIGN §2): every path that returns, forwards or re-marks an
// item asks these functions and decides nothing itself. Rules are FIRST TLP 2.0
// (https://www.first.org/tlp/) mapped onto the network of centre, sector units and members.
import { allow, deny, type Decision } from './decision.js';
import { restrictionRank, type TlpLabel } from './labels.js';
import { effectiveIncidentTlp } from './markings.js';

export interface NetworkOrg {
  id: string;
  /** how reasons name the organisation to people (DESIGN §1: `centre`, `energy`, `adatum`) */
  slug: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector?: string;
  /** The sector unit a member is a client of. */
  parentId?: string;
}

/** Lookups the caller provides, built from the organisations table. */
export interface Network {
  org(id: string): NetworkOrg | undefined;
}

export interface ReadableItem {
  /** undefined = the item carries no marking. */
  tlp: TlpLabel | undefined;
  authorOrgId: string;
  /** The organisations the author named; for incidents always the centre and the reporter's sector unit. */
  recipientOrgIds: readonly string[];
  kind?: 'advisory' | 'alert' | 'incident' | 'stix';
}

/** null = an unauthenticated request (the public TLP:CLEAR feed). */
export type Reader = { orgId: string } | null;

/**
 * The marking the rules apply to. An unmarked item stays unmarked (readable by its author only,
 * code TLP.UNMARKED) — except an incident, which DESIGN §2 treats as TLP:AMBER+STRICT. Callers
 * should store incidents with effectiveIncidentTlp already applied; doing it here as well means a
 * path that forgets still answers the same.
 */
function markingOf(item: ReadableItem): TlpLabel | undefined {
  return item.kind === 'incident' ? effectiveIncidentTlp(item.tlp) : item.tlp;
}

/** An organisation as a reason names it: by slug, or by id when the network does not know it. */
function nameOf(orgId: string, network: Network): string {
  return network.org(orgId)?.slug ?? orgId;
}

function isNamedRecipient(item: ReadableItem, orgId: string): boolean {
  return item.recipientOrgIds.includes(orgId);
}

/**
 * May `reader` read `item`? `audited` is true when an organisation other than the author reads an
 * AMBER, AMBER+STRICT or RED item (DESIGN §2: written to the append-only audit log).
 */
export function canRead(item: ReadableItem, reader: Reader, network: Network): Decision {
  const tlp = markingOf(item);
  // FIRST TLP 2.0: "TLP:CLEAR ... may be distributed without restriction".
  if (tlp === 'TLP:CLEAR') return allow('TLP:CLEAR may be read by anyone, also without signing in.');
  if (reader === null) {
    return deny('TLP.UNAUTHENTICATED', `Only TLP:CLEAR is public; sign in to read ${tlp ?? 'unmarked'} items.`);
  }
  const org = network.org(reader.orgId);
  if (org === undefined) {
    return deny('TLP.NOT_IN_NETWORK', `Organisation ${reader.orgId} is not part of the network; only TLP:CLEAR is shared outside it.`);
  }
  if (reader.orgId === item.authorOrgId) return allow('The author may always read its own item.');

  switch (tlp) {
    case undefined:
      return deny('TLP.UNMARKED', 'The item carries no TLP marking; until its author marks it, only the author may read it.');
    case 'TLP:GREEN':
      // FIRST TLP 2.0: GREEN is shared "within their community" — for the hub, the network.
      return allow('TLP:GREEN is shared with every organisation of the network.');
    case 'TLP:AMBER':
      // FIRST TLP 2.0: AMBER recipients may share "with members of their own organization and its
      // clients" — a sector unit's clients are its member organisations.
      if (isNamedRecipient(item, org.id)) return allow('TLP:AMBER: a named recipient.', true);
      // only member organisations are clients: sector units hang under the centre in the tree,
      // but they are not the centre's clients, so naming the centre does not reach them
      if (org.kind === 'member' && org.parentId !== undefined && isNamedRecipient(item, org.parentId)) {
        return allow(`TLP:AMBER: a member of the named recipient ${nameOf(org.parentId, network)}.`, true);
      }
      return deny('TLP.NOT_RECIPIENT', `TLP:AMBER is for the named recipients and their members; ${org.slug} is neither.`);
    case 'TLP:AMBER+STRICT':
    case 'TLP:RED':
      // FIRST TLP 2.0: AMBER+STRICT stays "to the organization only"; RED is "for the eyes and
      // ears of individual recipients only". Neither reaches a recipient's members.
      if (isNamedRecipient(item, org.id)) return allow(`${tlp}: a named recipient.`, true);
      return deny('TLP.NOT_RECIPIENT', `${tlp} is for the named recipient organisations only; ${org.slug} is not one of them.`);
  }
}

/**
 * May `forwarderOrgId` pass `item` on to `targetOrgId`? DESIGN §2: a recipient forwards only
 * within the rule — AMBER to its members, AMBER+STRICT and RED never. The caller then delivers the
 * item to the target; the target's own reads still go through canRead.
 */
export function canForward(item: ReadableItem, forwarderOrgId: string, targetOrgId: string, network: Network): Decision {
  const tlp = markingOf(item);
  switch (tlp) {
    case 'TLP:CLEAR':
      return allow('TLP:CLEAR may be forwarded to anyone.');
    case undefined:
      return deny('TLP.UNMARKED', 'An unmarked item cannot be forwarded; its author must mark it first.');
    case 'TLP:RED':
      return deny('TLP.NEVER_FORWARDED', 'TLP:RED is for the named recipients only and is never forwarded (FIRST TLP 2.0).');
    case 'TLP:AMBER+STRICT':
      return deny(
        'TLP.NEVER_FORWARDED',
        'TLP:AMBER+STRICT stays within the recipient organisation and is never forwarded, not even to its members (FIRST TLP 2.0).',
      );
  }
  const forwarderMayRead = canRead(item, { orgId: forwarderOrgId }, network);
  if (!forwarderMayRead.allowed) {
    return deny('TLP.FORWARDER_NOT_READER', `${nameOf(forwarderOrgId, network)} may not read this item, so it may not forward it: ${forwarderMayRead.reason}`);
  }
  const target = network.org(targetOrgId);
  if (target === undefined) {
    return deny('TLP.NOT_IN_NETWORK', `Organisation ${targetOrgId} is not part of the network; only TLP:CLEAR is shared outside it.`);
  }
  if (tlp === 'TLP:GREEN') return allow('TLP:GREEN may be forwarded to any organisation of the network.');
  // FIRST TLP 2.0: AMBER may go to the recipient's "clients" — the forwarder's own members.
  if (target.kind === 'member' && target.parentId === forwarderOrgId)
    return allow(`TLP:AMBER may be forwarded to ${nameOf(forwarderOrgId, network)}'s member ${target.slug}.`, true);
  return deny(
    'TLP.FORWARD_OUTSIDE_MEMBERS',
    `TLP:AMBER may only be forwarded to the forwarder's own members; ${target.slug} is not a member of ${nameOf(forwarderOrgId, network)}.`,
  );
}

/**
 * May `byOrgId` publish a new version of `item` marked `newTlp`? DESIGN §2: the author may relax
 * its marking, nobody else may re-mark it. The author may also tighten it (copies already
 * delivered are not recalled). Changes are audited.
 */
export function canRelax(item: ReadableItem, byOrgId: string, newTlp: TlpLabel): Decision {
  if (byOrgId !== item.authorOrgId) {
    return deny('TLP.NOT_AUTHOR', `Only the author (${item.authorOrgId}) may change the marking of its item; ${byOrgId} is not the author.`);
  }
  const current = markingOf(item);
  if (current === undefined) return allow(`The author marks its unmarked item ${newTlp}.`, true);
  const change = restrictionRank(newTlp) - restrictionRank(current);
  if (change === 0) return allow(`The marking stays ${current}.`);
  if (change < 0) return allow(`The author relaxes ${current} to ${newTlp}.`, true);
  return allow(`The author tightens ${current} to ${newTlp}; copies already delivered are not recalled.`, true);
}

/** One line for an agenda or digest saying why an item was left out, e.g. "TLP:RED from energy, not readable by health". */
export function describeDenial(item: ReadableItem, readerOrgSlug: string, authorSlug: string): string {
  return `${markingOf(item) ?? 'Unmarked item'} from ${authorSlug}, not readable by ${readerOrgSlug}`;
}

/**
 * May an organisation store its own copy of an object it received (could read) under `received`,
 * marked `copyTlp`? DESIGN §2 ownership: a copy of something received under a marking cannot be
 * given a weaker one — that would re-mark another organisation's information. The same marking
 * or a stricter one is the recipient's own choice; an unmarked copy is readable by its owner only.
 * `received` is undefined when the object the writer may read carries no marking.
 */
export function canCopyAs(received: TlpLabel | undefined, copyTlp: TlpLabel | undefined, receivedFrom: string): Decision {
  if (copyTlp === undefined) return allow('An unmarked copy is readable by its owner only.');
  if (received === undefined) {
    return deny(
      'TLP.WEAKER_THAN_RECEIVED',
      `The object received from ${receivedFrom} carries no marking: only its author may mark it; leave the copy unmarked.`,
    );
  }
  if (restrictionRank(copyTlp) >= restrictionRank(received)) return allow(`${copyTlp} is no weaker than ${received}, the marking it was received under.`);
  return deny(
    'TLP.WEAKER_THAN_RECEIVED',
    `The object was received from ${receivedFrom} as ${received}; a copy may not carry the weaker ${copyTlp}: only its author may relax it.`,
  );
}
