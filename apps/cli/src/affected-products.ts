// `isac infra exposed --incident <id>` and `isac advisory publish --incident <id>`: the products a case
// names as affected — its incident's `x_isac_affected_products`, CPE 2.3 names or NVD-style match
// strings — and its `x_isac_affected_providers`, as reach questions or a targeted audience. Pure.

export interface ProductMatch {
  cpe: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

const BOUNDS = ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const;

/** Every product the case's incident objects name, once each, in the order they name them. */
export function affectedProducts(bundle: { objects?: unknown }): ProductMatch[] {
  const objects = Array.isArray(bundle.objects) ? (bundle.objects as Record<string, unknown>[]) : [];
  const found = new Map<string, ProductMatch>();
  for (const incident of objects.filter((o) => o?.type === 'incident')) {
    const named = Array.isArray(incident.x_isac_affected_products) ? incident.x_isac_affected_products : [];
    for (const item of named as unknown[]) {
      let match: ProductMatch | null = null;
      if (typeof item === 'string') match = { cpe: item };
      else if (item && typeof item === 'object' && typeof (item as ProductMatch).cpe === 'string') {
        const given = item as Record<string, unknown>;
        match = { cpe: given.cpe as string };
        for (const bound of BOUNDS) if (typeof given[bound] === 'string') match[bound] = given[bound] as string;
      }
      if (match) found.set(JSON.stringify(match), match);
    }
  }
  return [...found.values()];
}

/**
 * The providers the case's incident objects name as affected (`x_isac_affected_providers`: network
 * slugs or `external:<supplier>`), once each, in the order named.
 */
export function affectedProviders(bundle: { objects?: unknown }): string[] {
  const objects = Array.isArray(bundle.objects) ? (bundle.objects as Record<string, unknown>[]) : [];
  const found = new Set<string>();
  for (const incident of objects.filter((o) => o?.type === 'incident')) {
    const named = Array.isArray(incident.x_isac_affected_providers) ? incident.x_isac_affected_providers : [];
    for (const item of named as unknown[]) if (typeof item === 'string' && item.trim()) found.add(item.trim());
  }
  return [...found];
}

/** `cpe:2.3:a:ivanti:connect_secure:*:… before 22.7R2.5`: a match string as a heading. */
export function describeMatch(match: ProductMatch): string {
  const bounds = [
    match.versionStartIncluding && `from ${match.versionStartIncluding}`,
    match.versionStartExcluding && `after ${match.versionStartExcluding}`,
    match.versionEndIncluding && `up to ${match.versionEndIncluding}`,
    match.versionEndExcluding && `before ${match.versionEndExcluding}`,
  ].filter(Boolean);
  return [match.cpe, ...bounds].join(' ');
}
