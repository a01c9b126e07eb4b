// DESIGN §2 granular markings on TAXII pages: each row the TLP policy lets the reader read is served
// as far as its object's granular markings allow (objectAsSeenBy in @isac/stix). Envelopes put the
// stored JSON text in as it is; only a text that mentions granular_markings is parsed, so the pages
// of objects without them cost what they did.
import { mayCarryGranularMarkings, objectAsSeenBy } from '@isac/stix';
import type { Network, Reader } from '@isac/tlp';
import type { StoredRow } from './paging.js';

/**
 * The row as `reader` is served it: the row itself when nothing of its object is withheld, a copy
 * with the reduced object's text when parts are, undefined when the whole object is (it is then
 * neither returned nor counted, in objects, manifests and versions alike). Rows read without their
 * objects (manifests, versions) carry the text of those with granular markings all the same
 * (@isac/stix-store StixObjectPagesRepository), so that a withheld object is withheld there too.
 */
export function rowsAsSeenBy(reader: Reader, network: Network): (row: StoredRow) => StoredRow | undefined {
  return (row) => {
    const text = row.objectJson;
    if (text === undefined || !mayCarryGranularMarkings(text)) return row;
    const object = JSON.parse(text) as Record<string, unknown>;
    const seen = objectAsSeenBy(object, row, reader, network);
    if (seen === null) return undefined;
    return seen === object ? row : { ...row, objectJson: JSON.stringify(seen) };
  };
}
