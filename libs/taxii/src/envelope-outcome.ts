// What becomes of each object of a POSTed envelope (TAXII 2.1 §5.5, status §4.3): pure decisions
// from the validator's report, the objects' markings and the TLP policy's audience rule.
import { effectiveTlp, type StixProblem, type TlpLabel } from '@isac/stix';
import { audienceAllowed, PUBLIC_LABEL, type Audience } from '@isac/tlp';
import type { CollectionDefinition } from './collections.js';
import type { StatusDetail } from './resources.js';

export interface Accepted {
  object: Record<string, unknown>;
  tlp: TlpLabel;
  detail: StatusDetail;
  /** a marking definition: stored once for everyone, announced by no advisory */
  markingDefinition?: true;
}

export interface Outcome {
  accepted: Accepted[];
  failures: StatusDetail[];
  /** objects refused only for a marking definition the hub does not hold yet: another envelope may bring it */
  waiting: { index: number; detail: StatusDetail }[];
}

const UNKNOWN_MARKING = 'STIX.UNKNOWN_MARKING';
const isMarkingDefinition = (object: unknown) => (object as { type?: unknown }).type === 'marking-definition';

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
  const onlyUnknownMarking = new Map<number, boolean>();
  const general: string[] = [];
  for (const p of problems) {
    if (p.index === undefined) general.push(p.message);
    else {
      byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), `${p.code} at ${p.pointer}: ${p.message}`]);
      onlyUnknownMarking.set(p.index, (onlyUnknownMarking.get(p.index) ?? true) && p.code === UNKNOWN_MARKING);
    }
  }
  const accepted: Accepted[] = [];
  const failures: StatusDetail[] = [];
  const waiting: Outcome['waiting'] = [];
  objects.forEach((object, index) => {
    const detail = detailOf(object);
    const fail = (message: string) => failures.push({ ...detail, message });
    const own = byIndex.get(index);
    if (general.length > 0) return fail(general.join('; '));
    if (own && onlyUnknownMarking.get(index)) return waiting.push({ index, detail: { ...detail, message: own.join('; ') } });
    if (own) return fail(own.join('; '));
    // DESIGN §2: marking definitions carry no marking of their own; the hub holds them once, for every organisation
    if (isMarkingDefinition(object)) return accepted.push({ object: object as Record<string, unknown>, tlp: 'TLP:GREEN', detail, markingDefinition: true });
    const ownTlp = effectiveTlp(object);
    // DESIGN §2: an object pushed without a TLP marking takes its collection's default marking
    const tlp = ownTlp ?? collection.defaultMarking;
    if (ownTlp === undefined) detail.message = `No TLP marking of its own: stored under the collection's default marking ${tlp}.`;
    // the public collection is the TLP:CLEAR feed: anything else would not be in it once stored
    if (collection.membership.kind === 'clear' && tlp !== PUBLIC_LABEL) return fail(`The public collection holds TLP:CLEAR objects only; this one is ${tlp}.`);
    const audience = audienceAllowed(tlp, audienceOf(collection));
    if (!audience.allowed) return fail(audience.reason);
    accepted.push({ object: object as Record<string, unknown>, tlp, detail });
  });
  return { accepted, failures, waiting };
}
