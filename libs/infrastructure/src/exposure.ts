// Who a targeted warning exposes (issue 18): register entries matched by product match strings or
// by the providers they depend on. Pure: no I/O; the TLP decisions are canRead's, asked by the caller.
import { cpeMatches, CpeSyntaxError, parseCpeMatch, parseProductName, type CpeMatch, type CpeName, type ParsedCpeMatch } from './cpe.js';
import { EXTERNAL_PREFIX } from './register.types.js';

export interface TargetProblem {
  pointer: string;
  detail: string;
}

export interface ExposureTargets {
  products?: CpeMatch[];
  dependsOn?: string[];
}

export interface ParsedTargets {
  products: ParsedCpeMatch[];
  dependsOn: string[];
}

/** The value a register indexes a product by: part, vendor and product, lowercased, colons quoted. */
export function productKey(name: Pick<CpeName, 'part' | 'vendor' | 'product'>): string | null {
  const parts = [name.part, name.vendor, name.product];
  if (parts.some((v) => v.kind !== 'string' || v.leading !== null || v.trailing !== null)) return null;
  return parts.map((v) => (v as { value: string }).value.replace(/[\\:]/g, '\\$&')).join(':');
}

/** Is `provider` a slug (checked against the network by the caller) or `external:<name>`? */
export function isExternalProvider(provider: string): boolean {
  return provider.startsWith(EXTERNAL_PREFIX) && provider.length > EXTERNAL_PREFIX.length;
}

/** Normalises a provider as registers store it: slugs lowercased, external names trimmed and lowercased. */
export function normaliseProvider(provider: string): string {
  const trimmed = provider.trim();
  if (trimmed.toLowerCase().startsWith(EXTERNAL_PREFIX)) return EXTERNAL_PREFIX + trimmed.slice(EXTERNAL_PREFIX.length).trim().toLowerCase();
  return trimmed.toLowerCase();
}

/** Checks the match strings of a targeted audience; every problem has its JSON pointer under `base`. */
export function parseTargets(targets: ExposureTargets, base: string): { ok: true; targets: ParsedTargets } | { ok: false; problems: TargetProblem[] } {
  const problems: TargetProblem[] = [];
  const products: ParsedCpeMatch[] = [];
  (targets.products ?? []).forEach((match, i) => {
    try {
      products.push(parseCpeMatch(match));
    } catch (error) {
      if (!(error instanceof CpeSyntaxError)) throw error;
      problems.push({ pointer: `${base}/products/${i}/${error.field}`, detail: error.message });
    }
  });
  const dependsOn = (targets.dependsOn ?? []).map(normaliseProvider);
  dependsOn.forEach((provider, i) => {
    if (provider.startsWith(EXTERNAL_PREFIX) && !isExternalProvider(provider))
      problems.push({ pointer: `${base}/dependsOn/${i}`, detail: 'name the supplier after "external:"' });
  });
  return problems.length ? { ok: false, problems } : { ok: true, targets: { products, dependsOn } };
}

export interface ExposableEntry {
  id: string;
  orgId: string;
  products: readonly string[];
  dependsOn: readonly string[];
}

/** The entries a warning exposes: one running a product a match string covers, or depending on a named provider. */
export function exposedEntries<E extends ExposableEntry>(entries: readonly E[], targets: ParsedTargets): E[] {
  const providers = new Set(targets.dependsOn);
  return entries.filter(
    (entry) =>
      entry.dependsOn.some((p) => providers.has(p)) ||
      (targets.products.length > 0 &&
        entry.products.some((formatted) => {
          const name = parseProductName(formatted);
          return targets.products.some((match) => cpeMatches(match, name));
        })),
  );
}

/** What of one entry a warning matched: the products it runs that a match string covers, the named providers it depends on. */
export interface EntryMatch {
  products: string[];
  dependsOn: string[];
}

export function matchOf(entry: Pick<ExposableEntry, 'products' | 'dependsOn'>, targets: ParsedTargets): EntryMatch {
  const providers = new Set(targets.dependsOn);
  const products =
    targets.products.length === 0
      ? []
      : entry.products.filter((formatted) => {
          const name = parseProductName(formatted);
          return targets.products.some((match) => cpeMatches(match, name));
        });
  return { products, dependsOn: entry.dependsOn.filter((p) => providers.has(p)) };
}

/** The product keys a database lookup can narrow by, or null when a match string has wildcards in part, vendor or product. */
export function lookupKeys(targets: ParsedTargets): { productKeys: string[] | null; providers: string[] } {
  const keys = targets.products.map((m) => productKey(m.name));
  return { productKeys: keys.some((k) => k === null) ? null : (keys as string[]), providers: targets.dependsOn };
}
