// The versions a register's STIX takes in the STIX store as its entries change (issue 18), so that
// TAXII collections serve registers as they serve everything stored. Pure: the caller reads what the
// store holds and writes what these functions decide.
import { markingRefFor } from '@isac/stix';
import { restrictionRank, type TlpLabel } from '@isac/tlp';

type StixObject = Record<string, unknown>;

/** A current version the organisation holds of an id. */
export interface HeldVersion {
  version: string;
  revoked: boolean;
  tlp: string | null;
  recipientOrgIds: readonly string[];
  object: StixObject;
}

/**
 * The `modified` of a new version written at `at`: later than every version held of the ids it
 * versions (STIX 2.1 §3.6: the latest `modified` supersedes), even when two changes fall in one
 * millisecond or the clock stepped back.
 */
export function nextVersion(at: Date, held: readonly (HeldVersion | undefined)[]): string {
  let next = at.getTime();
  for (const h of held) {
    const heldAt = h ? Date.parse(h.version) : NaN;
    if (!Number.isNaN(heldAt) && heldAt >= next) next = heldAt + 1;
  }
  return new Date(next).toISOString();
}

/** STIX 2.1 §3.6.2: the revoked version of a held object, as it was but for `modified` and `revoked`. */
export function revokedVersion(held: HeldVersion, modified: string): StixObject {
  return { ...held.object, modified, revoked: true };
}

/**
 * The marking of an object several entries of one register share (a product's software, an external
 * supplier): the least restrictive of theirs, so that every reader of an entry resolves its
 * relationships. The object says no more than each entry does (that the organisation runs the product
 * or depends on the supplier), and the entries of one register share their recipients, so the readers
 * of a stricter entry are among those of a less strict one (TLP 2.0 nests them). undefined: no entry
 * names it any more.
 */
export function sharedMarking(tlps: readonly TlpLabel[]): TlpLabel | undefined {
  let least: TlpLabel | undefined;
  for (const tlp of tlps) if (least === undefined || restrictionRank(tlp) < restrictionRank(least)) least = tlp;
  return least;
}

/**
 * Marking and recipients of an object several entries share. Entries addressed alike (the usual
 * case: a register's entries go to the centre and its organisation's sector unit) share the least
 * strict marking, as sharedMarking says. Entries addressed differently (an organisation moved to
 * another sector keeps its older entries addressed to its former unit) give it the strictest of
 * their markings and only the recipients every one of them names: no reader of the object may read
 * none of the entries naming it, so one of them may find a reference it cannot resolve (fail closed).
 */
export function sharedReach(
  entries: readonly { tlp: TlpLabel; recipientOrgIds: readonly string[] }[],
): { tlp: TlpLabel; recipientOrgIds: string[] } | undefined {
  if (entries.length === 0) return undefined;
  const key = (ids: readonly string[]) => [...new Set(ids)].sort().join(',');
  const first = key(entries[0].recipientOrgIds);
  if (entries.every((e) => key(e.recipientOrgIds) === first)) {
    return { tlp: sharedMarking(entries.map((e) => e.tlp))!, recipientOrgIds: first === '' ? [] : first.split(',') };
  }
  let strictest = entries[0].tlp;
  for (const e of entries) if (restrictionRank(e.tlp) > restrictionRank(strictest)) strictest = e.tlp;
  const everyOne = [...new Set(entries[0].recipientOrgIds)].filter((id) => entries.every((e) => e.recipientOrgIds.includes(id)));
  return { tlp: strictest, recipientOrgIds: everyOne.sort() };
}

/** The object under this single marking. */
export function marked(object: StixObject, tlp: TlpLabel): StixObject {
  return { ...object, object_marking_refs: [markingRefFor(tlp)] };
}

/** Whether a held version already says what a new one would: the same marking and readers. */
export function sameReach(held: HeldVersion, tlp: TlpLabel, recipientOrgIds: readonly string[]): boolean {
  return held.tlp === tlp && [...held.recipientOrgIds].sort().join() === [...recipientOrgIds].sort().join();
}
