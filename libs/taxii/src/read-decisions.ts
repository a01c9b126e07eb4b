// The TLP decision of each row of a page, made by the one policy (canRead in @isac/tlp). A page
// of 1,000 rows holds few distinct (marking, author, recipients) combinations, and canRead decides
// from exactly those fields and the reader, so each combination is asked once per request and the
// answer reused for its other rows. Nothing here decides: it only remembers what canRead said.
import { canRead, parseTlpLabel, type Decision, type Network, type Reader, type ReadableItem } from '@isac/tlp';

export interface PolicyFields {
  tlp: string | null;
  authorOrgId: string;
  recipientOrgIds: readonly string[];
}

/**
 * `kind` is the item kind canRead is told (stix objects, or incident cases). Answers are kept per
 * recipients list instance and then per marking and author: rows read in one query share one
 * list instance per distinct list (@isac/stix-store StixObjectPagesRepository), so the lookup builds no key from
 * the list; a list equal to another but not the same instance is simply asked again.
 */
export function readDecisions(reader: Reader, network: Network, kind: ReadableItem['kind'] = 'stix'): (fields: PolicyFields) => Decision {
  // recipients list → marking → author: no key is built per row (a page's authors are mostly distinct)
  const decided = new WeakMap<readonly string[], Map<string | null, Map<string, Decision>>>();
  return (fields) => {
    let byMarking = decided.get(fields.recipientOrgIds);
    if (byMarking === undefined) decided.set(fields.recipientOrgIds, (byMarking = new Map()));
    let byAuthor = byMarking.get(fields.tlp);
    if (byAuthor === undefined) byMarking.set(fields.tlp, (byAuthor = new Map()));
    let decision = byAuthor.get(fields.authorOrgId);
    if (decision === undefined) {
      const item: ReadableItem = {
        tlp: fields.tlp === null ? undefined : parseTlpLabel(fields.tlp),
        authorOrgId: fields.authorOrgId,
        recipientOrgIds: fields.recipientOrgIds,
        kind,
      };
      decision = canRead(item, reader, network);
      byAuthor.set(fields.authorOrgId, decision);
    }
    return decision;
  };
}
