export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type AdvisoryKind = 'advisory' | 'alert';
export type WebhookState = 'pending' | 'delivered' | 'dead-lettered';

/** A match string of a targeted audience: a CPE 2.3 name with wildcards and NVD-style version bounds. */
export interface ProductTarget {
  cpe: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

/**
 * The audience as written in a request: slugs of organisations and names of sectors; `products`
 * and `dependsOn` add the organisations whose registers run a matching product or depend on a
 * provider (`<slug>` or `external:<name>`) — a union with the rest.
 */
export interface AdvisoryAudience {
  all?: boolean;
  sectors?: string[];
  organisations?: string[];
  products?: ProductTarget[];
  dependsOn?: string[];
}

/**
 * What of an exposed organisation's own register a targeted audience matched (issue 18: "you run
 * Ivanti Connect Secure 22.7R2.3"): the entry's name, the product names a match string covers, the
 * providers named. Recorded per organisation at publication and shown to that organisation only.
 */
export interface AdvisoryMatch {
  entry: string;
  products: string[];
  dependsOn: string[];
}

/** What a targeted audience resolved to, recorded with the advisory. */
export interface AdvisoryExposure {
  matchedOrganisations: number;
  unnamedOrgIds: string[];
}
