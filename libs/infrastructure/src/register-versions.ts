// The versions a register's STIX takes in the STIX store as its entries change (issue 18), so that
// TAXII collections serve registers as they serve everything stored. Pure: the caller reads what the
// store holds and writes what these functions decide.
import { markingRefFor } from '@isac/stix';
import type { TlpLabel } from '@isac/tlp';

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

/** The object under this single marking. */
export function marked(object: StixObject, tlp: TlpLabel): StixObject {
  return { ...object, object_marking_refs: [markingRefFor(tlp)] };
}

/** Whether a held version already says what a new one would: the same marking and readers. */
export function sameReach(held: HeldVersion, tlp: TlpLabel, recipientOrgIds: readonly string[]): boolean {
  return held.tlp === tlp && [...held.recipientOrgIds].sort().join() === [...recipientOrgIds].sort().join();
}
