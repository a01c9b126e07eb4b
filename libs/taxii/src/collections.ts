// TAXII 2.1 §5.1/§5.2 "Collections": the hub's fixed collections, what each holds and who may read
// or write it. Membership says which stored objects belong to a collection; whether the caller may
// see one of them is still decided object by object by the TLP policy (canRead), never here.
import { createHash } from 'node:crypto';
import { DEFAULT_MARKINGS, type CollectionMarking } from './collection-markings.js';
import { STIX_MEDIA_TYPE } from './media-type.js';

export type Membership =
  /** objects marked TLP:CLEAR (membership, not access: canRead still judges each object) */
  | { kind: 'clear' }
  /** objects authored by these organisations */
  | { kind: 'authored-by'; orgIds: readonly string[] }
  /** objects authored by, or addressed to, one of these organisations */
  | { kind: 'shared-with'; orgIds: readonly string[] }
  /**
   * the incident and the objects filed with it, of every incident case the caller may read: each
   * object a page scans is a member when canRead lets the caller read one of the cases filing it
   */
  | { kind: 'incident-cases' }
  /**
   * issue 19: what exercises stored (their cases' objects), as far as the TLP policy lets the caller
   * read each; no other collection ever holds an exercise's object
   */
  | { kind: 'exercise' };

export interface CollectionDefinition {
  id: string;
  alias: string;
  title: string;
  description: string;
  membership: Membership;
  /** who posted objects reach: the recipients stored with them (DESIGN §5 audiences) */
  audienceOrgIds: readonly string[];
  /**
   * DESIGN §2: the marking an object pushed without a TLP marking of its own takes (fail closed:
   * the strictest the collection's audience allows); the object is kept as sent, the hub applies it
   */
  defaultMarking: CollectionMarking;
  /** §5.2: can_read / can_write for the caller */
  canRead: boolean;
  canWrite: boolean;
}

export interface NetworkView {
  centreId: string;
  sectors: { sector: string; orgIds: readonly string[]; unitName: string }[];
  allOrgIds: readonly string[];
  /** the network file's default markings by collection alias (collection-markings.ts); the built-in ones otherwise */
  defaultMarkings?: Readonly<Record<string, CollectionMarking>>;
}

export interface Caller {
  orgId: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: string | null;
  /** posting objects publishes advisories: DESIGN §1 gives that to analysts */
  mayPublish: boolean;
}

const collectionIds = new Map<string, string>();

/** §5.2: collection ids are identifiers; ours are name-based UUIDs (RFC 4122 §4.3, version 5) so they never change. */
export function collectionId(alias: string): string {
  let id = collectionIds.get(alias);
  if (id === undefined) collectionIds.set(alias, (id = nameBasedId(alias)));
  return id;
}

function nameBasedId(alias: string): string {
  const hash = createHash('sha1')
    .update('isac-hub:taxii:collection:' + alias)
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The collections of the API root as `caller` sees them (null = no credentials: the public one only). */
export function collectionsFor(network: NetworkView, caller: Caller | null): CollectionDefinition[] {
  const publicCollection: CollectionDefinition = {
    id: collectionId('public'),
    alias: 'public',
    title: 'Public (TLP:CLEAR)',
    description: 'Everything marked TLP:CLEAR; readable without credentials.',
    membership: { kind: 'clear' },
    audienceOrgIds: [],
    // the public feed holds TLP:CLEAR only
    defaultMarking: network.defaultMarkings?.public ?? DEFAULT_MARKINGS.public,
    canRead: true,
    canWrite: caller !== null && caller.mayPublish,
  };
  if (caller === null) return [publicCollection];
  const inNetwork = idSet(network.allOrgIds).has(caller.orgId);
  const isCentre = caller.orgId === network.centreId;
  return [
    publicCollection,
    {
      id: collectionId('alerts'),
      alias: 'alerts',
      title: 'Alerts of the national centre',
      description: "The centre's alerts and the STIX objects it shares with the whole network.",
      membership: { kind: 'authored-by', orgIds: [network.centreId] },
      audienceOrgIds: network.allOrgIds,
      // what the centre shares with the whole network: the collection's audience is every organisation
      defaultMarking: network.defaultMarkings?.alerts ?? DEFAULT_MARKINGS.alerts,
      canRead: inNetwork,
      canWrite: isCentre && caller.mayPublish,
    },
    ...network.sectors.map(({ sector, orgIds, unitName }) => {
      const ofSector = idSet(orgIds).has(caller.orgId);
      return {
        id: collectionId(sector),
        alias: sector,
        title: `Sector ${sector}`,
        description: `What was shared with the ${sector} sector (${unitName} and its members); writable by its organisations and the centre.`,
        membership: { kind: 'shared-with', orgIds } as Membership,
        audienceOrgIds: orgIds,
        // the sector unit and its members, nobody else
        defaultMarking: network.defaultMarkings?.[sector] ?? DEFAULT_MARKINGS.sector,
        canRead: ofSector || isCentre,
        canWrite: (ofSector || isCentre) && caller.mayPublish,
      };
    }),
    {
      id: collectionId('incidents'),
      alias: 'incidents',
      title: 'Incidents',
      description:
        'What the incident cases you may read consist of: each incident and the objects filed with it, as far as you may read them; incidents are filed through POST /api/v1/incidents.',
      membership: { kind: 'incident-cases' },
      audienceOrgIds: [],
      defaultMarking: 'TLP:AMBER',
      canRead: inNetwork,
      canWrite: false,
    },
    {
      id: collectionId('exercise'),
      alias: 'exercise',
      title: 'Exercise (not real)',
      description:
        'What preparedness exercises created (each object carries x_isac_exercise: true and the label "exercise"), as far as you may read it; no other collection holds them.',
      membership: { kind: 'exercise' },
      audienceOrgIds: [],
      defaultMarking: 'TLP:AMBER',
      canRead: inNetwork,
      canWrite: false,
    },
  ];
}

/**
 * The ids of a list as a set, made once for a frozen list (a view's lists, made once per network
 * snapshot): a European network's 30,000 ids were searched one by one for every request (issue 20's
 * scale bench). A list that may still change gets a set of its own each time.
 */
const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function idSet(ids: readonly string[]): ReadonlySet<string> {
  if (!Object.isFrozen(ids)) return new Set(ids);
  let set = idSets.get(ids);
  if (set === undefined) idSets.set(ids, (set = new Set(ids)));
  return set;
}

/** §5.2.1 collection resource as sent to the client. */
export function collectionResource(c: CollectionDefinition) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    can_read: c.canRead,
    can_write: c.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}

/** A collection by id, or by alias as a convenience for people typing URLs. */
export function findCollection(collections: CollectionDefinition[], idOrAlias: string): CollectionDefinition | undefined {
  return collections.find((c) => c.id === idOrAlias.toLowerCase() || c.alias === idOrAlias);
}
