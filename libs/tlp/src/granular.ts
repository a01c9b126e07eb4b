// DESIGN §2 "Granular markings restrict the parts they select: a reader sees a part only where the
// part's own marking allows" (STIX 2.1 §7.2.3). The part is judged by the one policy (canRead) as
// an item of its own: the part's TLP, and the author and named recipients of the object it is in.
// Which parts a marking selects, and what withholding one does to the object, is @isac/stix's.
import type { Decision } from './decision.js';
import type { TlpLabel } from './labels.js';
import { canRead, type Network, type ReadableItem, type Reader } from './policy.js';

/** The policy fields of a stored object: whose it is and whom it was addressed to. */
export type PartOwner = Pick<ReadableItem, 'authorOrgId' | 'recipientOrgIds'>;

/** May `reader` read a part of `owner`'s object that a granular marking marks `partTlp`? */
export function canReadPart(partTlp: TlpLabel, owner: PartOwner, reader: Reader, network: Network): Decision {
  return canRead({ tlp: partTlp, authorOrgId: owner.authorOrgId, recipientOrgIds: owner.recipientOrgIds, kind: 'stix' }, reader, network);
}

/**
 * `canReadPart` for one object and reader as a predicate: an object carries few distinct part
 * markings, each is decided once.
 */
export function partReadability(owner: PartOwner, reader: Reader, network: Network): (partTlp: TlpLabel) => boolean {
  const decided = new Map<TlpLabel, boolean>();
  return (partTlp) => {
    let allowed = decided.get(partTlp);
    if (allowed === undefined) decided.set(partTlp, (allowed = canReadPart(partTlp, owner, reader, network).allowed));
    return allowed;
  };
}
