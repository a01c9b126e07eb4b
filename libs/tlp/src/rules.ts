// What each marking means in this network, for people choosing one (the console's forms, the CLI):
// the audience and forwarding rules are read off the policy itself, so they cannot drift from it.
import type { TlpLabel } from './labels.js';
import { TLP_LABELS } from './labels.js';
import { audienceAllowed } from './markings.js';
import { canForward, type Network, type NetworkOrg } from './policy.js';

export interface MarkingRule {
  label: TlpLabel;
  /** Who may read an item so marked, in a sentence. */
  readers: string;
  /** `named-organisations`: only organisations picked one by one, never everybody or whole sectors. */
  audience: 'any' | 'named-organisations';
  /** Who a recipient may pass it on to. */
  forwarding: 'anyone' | 'network' | 'own-members' | 'never';
}

// FIRST TLP 2.0 (https://www.first.org/tlp/) mapped onto the network, as DESIGN §2 states it
const READERS: Record<TlpLabel, string> = {
  'TLP:CLEAR': 'Anyone may read it, also outside the network.',
  'TLP:GREEN': 'Every organisation of the network may read it.',
  'TLP:AMBER': 'The author, the named organisations and their members may read it.',
  'TLP:AMBER+STRICT': 'The author and the named organisations only, never their members.',
  'TLP:RED': "The author and the named organisations only; never in others' agendas or digests.",
};

// a recipient sector unit with one member, and a sector unit of another sector
const SAMPLE_ORGS = new Map<string, NetworkOrg>([
  ['unit', { id: 'unit', slug: 'unit', kind: 'sector-unit', sector: 'energy' }],
  ['member', { id: 'member', slug: 'member', kind: 'member', sector: 'energy', parentId: 'unit' }],
  ['other', { id: 'other', slug: 'other', kind: 'sector-unit', sector: 'health' }],
]);
const sample: Network = { org: (id) => SAMPLE_ORGS.get(id) };

function forwardingOf(label: TlpLabel): MarkingRule['forwarding'] {
  const item = { tlp: label, authorOrgId: 'author', recipientOrgIds: ['unit'] };
  if (canForward(item, 'unit', 'other', sample).allowed) return canForward(item, 'unit', 'outside', sample).allowed ? 'anyone' : 'network';
  return canForward(item, 'unit', 'member', sample).allowed ? 'own-members' : 'never';
}

/** Every label, least restrictive first, with its readers, audience and forwarding rule. */
export function markingRules(): MarkingRule[] {
  return TLP_LABELS.map((label) => ({
    label,
    readers: READERS[label],
    audience: audienceAllowed(label, { sectors: ['energy'], organisations: ['unit'] }).allowed ? 'any' : 'named-organisations',
    forwarding: forwardingOf(label),
  }));
}
