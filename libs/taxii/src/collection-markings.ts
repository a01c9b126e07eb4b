// DESIGN §2: a STIX object pushed over TAXII without a TLP marking takes its collection's default
// marking — configured per collection in the network file, fail closed when it is not. Read and
// checked once at boot: a marking a collection's audience cannot carry stops the boot.
import { parse } from 'yaml';
import { audienceAllowed, parseTlpLabel, PUBLIC_LABEL } from '@isac/tlp';

/** The markings a collection's whole audience (a sector, the network) may carry: AMBER+STRICT and RED go to named organisations only. */
export type CollectionMarking = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER';

/** Without configuration: the public feed is TLP:CLEAR, the centre's alerts go to the whole network, a sector's collection to that sector. */
export const DEFAULT_MARKINGS = { public: 'TLP:CLEAR', alerts: 'TLP:GREEN', sector: 'TLP:AMBER' } as const satisfies Record<string, CollectionMarking>;

export class CollectionMarkingsError extends Error {
  override name = 'CollectionMarkingsError';
}

/** `taxii.defaultMarkings` of the network file: collection alias → marking. */
export function parseCollectionMarkings(text: string, sectors: readonly string[]): Record<string, CollectionMarking> {
  const doc = (parse(text) ?? {}) as { taxii?: { defaultMarkings?: Record<string, unknown> } };
  const configured: Record<string, CollectionMarking> = {};
  const problems: string[] = [];
  for (const [alias, value] of Object.entries(doc.taxii?.defaultMarkings ?? {})) {
    const at = `/taxii/defaultMarkings/${alias}`;
    const label = typeof value === 'string' ? parseTlpLabel(value) : undefined;
    if (alias !== 'public' && alias !== 'alerts' && !sectors.includes(alias)) problems.push(`${at}: no collection ${alias} (public, alerts or a sector)`);
    else if (label === undefined) problems.push(`${at} must be a TLP label`);
    else if (alias === 'public' && label !== PUBLIC_LABEL) problems.push(`${at} must be ${PUBLIC_LABEL}: the public collection is the ${PUBLIC_LABEL} feed`);
    // a collection's audience is everyone in it, never organisations named one by one
    else if (!audienceAllowed(label, { all: true }).allowed)
      problems.push(`${at}: ${label} goes to named organisations only, not to a collection's whole audience`);
    else configured[alias] = label as CollectionMarking;
  }
  if (problems.length > 0) throw new CollectionMarkingsError(`network definition: ${problems.join('; ')}`);
  return configured;
}
