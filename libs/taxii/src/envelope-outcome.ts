// What becomes of each object of a POSTed envelope (TAXII 2.1 §5.5, status §4.3): pure decisions
// from the validator's report, the objects' markings and the TLP policy's audience rule.
import { effectiveTlp, type StixProblem, type TlpLabel } from '@isac/stix';
import { audienceAllowed, type Audience } from '@isac/tlp';
import type { CollectionDefinition } from './collections.js';
import type { StatusDetail } from './resources.js';

export interface Accepted {
  object: Record<string, unknown>;
  tlp: TlpLabel;
  detail: StatusDetail;
}

export interface Outcome {
  accepted: Accepted[];
  failures: StatusDetail[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** §4.3.1 status-details: the object's id and version (`modified`, else `created`, else none). */
export function detailOf(object: unknown): StatusDetail {
  const o = (typeof object === 'object' && object !== null ? object : {}) as Record<string, unknown>;
  return { id: str(o.id), version: str(o.modified) || str(o.created) };
}

/** The advisory audience of a collection (DESIGN §5): the whole network, or one sector. */
export function audienceOf(collection: CollectionDefinition): Audience {
  return collection.membership.kind === 'shared-with' ? { sectors: [collection.alias] } : { all: true };
}

/** Splits an envelope into what is stored and what fails, each failure with its reason. */
export function decideOutcome(objects: unknown[], problems: StixProblem[], collection: CollectionDefinition): Outcome {
  const byIndex = new Map<number, string[]>();
  const general: string[] = [];
  for (const p of problems) {
    if (p.index === undefined) general.push(p.message);
    else byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), `${p.code} at ${p.pointer}: ${p.message}`]);
  }
  const accepted: Accepted[] = [];
  const failures: StatusDetail[] = [];
  objects.forEach((object, index) => {
    const detail = detailOf(object);
    const fail = (message: string) => failures.push({ ...detail, message });
    const own = byIndex.get(index);
    if (general.length > 0) return fail(general.join('; '));
    if (own) return fail(own.join('; '));
    const tlp = effectiveTlp(object);
    // DESIGN §2: what is posted becomes an advisory, and an advisory without a marking is refused
    if (tlp === undefined) return fail('The object carries no TLP marking (object_marking_refs); the hub shares marked objects only.');
    // the public collection is the TLP:CLEAR feed: anything else would not be in it once stored
    if (collection.membership.kind === 'clear' && tlp !== 'TLP:CLEAR') return fail(`The public collection holds TLP:CLEAR objects only; this one is ${tlp}.`);
    const audience = audienceAllowed(tlp, audienceOf(collection));
    if (!audience.allowed) return fail(audience.reason);
    accepted.push({ object: object as Record<string, unknown>, tlp, detail });
  });
  return { accepted, failures };
}
