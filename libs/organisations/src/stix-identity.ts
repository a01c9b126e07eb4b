import { createHash } from 'node:crypto';

// Namespace of the hub's own deterministic identity ids (a UUIDv5 of its name in the URL namespace),
// so every installation derives the same identity id for the same organisation slug.
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const HUB_NAMESPACE = uuidV5('https://isac-hub.example/organisations', URL_NAMESPACE);

export function stixIdentityIdFor(slug: string): string {
  return `identity--${uuidV5(slug, HUB_NAMESPACE)}`;
}

// STIX 2.1 industry-sector-ov values for the network's sectors.
const INDUSTRY_SECTOR: Record<string, string> = {
  telecom: 'telecommunications',
  energy: 'energy',
  shipping: 'transportation',
  transport: 'transportation',
  health: 'healthcare',
  finance: 'financial-services',
};

export interface IdentitySource {
  slug: string;
  name: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: string | null;
  createdAt: Date;
}

/** The organisation's STIX 2.1 identity object (§4.6). */
export function stixIdentityFor(org: IdentitySource): Record<string, unknown> {
  const timestamp = org.createdAt.toISOString();
  const sectors = org.kind === 'centre' ? ['government-national'] : org.sector ? [INDUSTRY_SECTOR[org.sector]] : [];
  return {
    type: 'identity',
    spec_version: '2.1',
    id: stixIdentityIdFor(org.slug),
    created: timestamp,
    modified: timestamp,
    name: org.name,
    identity_class: 'organization',
    sectors,
    x_isac_slug: org.slug,
    x_isac_kind: org.kind,
  };
}

export const __test = { uuidV5 };
