// Command-line options → the request bodies of POST /api/v1/advisories and /api/v1/alerts. Pure.
import type { ProductMatch } from './affected-products.js';
import { usageError } from './exit-codes.js';

export interface AudienceOptions {
  all?: boolean;
  sectors?: string[];
  orgs?: string[];
  /** issue 18, a targeted audience: one match string with NVD-style bounds (`--product` and `--version-…`) */
  product?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
  /** match strings taken from a case (`--incident`), next to `--product` */
  products?: ProductMatch[];
  /** providers: network slugs or external:<supplier> */
  dependsOn?: string[];
}

const BOUND_OPTIONS = ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const;

export interface AdvisoryOptions extends AudienceOptions {
  title: string;
  severity: string;
  tlp: string;
}

export interface AlertOptions extends AdvisoryOptions {
  /** defaults to ALERT_ACK_DEADLINE_DEFAULT unless --no-ack */
  ackDeadline?: string;
  /** defaults to ALERT_EXPIRES_DEFAULT, as the console proposes */
  expires?: string;
  /** commander's `--no-ack` */
  ack?: boolean;
}

export interface AdvisoryBody {
  title: string;
  body: string;
  severity: string;
  tlp: string;
  audience: { all?: boolean; sectors?: string[]; organisations?: string[]; products?: ProductMatch[]; dependsOn?: string[] };
  stix?: object[];
}

export interface AlertBody extends AdvisoryBody {
  requiresAck: boolean;
  ackDeadline?: string;
  expiresAt: string;
}

/** The products of a targeted audience: `--product` with its bounds, after those a case named. */
function productsOf(opts: AudienceOptions): ProductMatch[] {
  const products = [...(opts.products ?? [])];
  const bounds = BOUND_OPTIONS.filter((b) => opts[b] !== undefined);
  if (opts.product === undefined) {
    if (bounds.length) throw usageError(`--${bounds[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} bounds a --product: name the product`);
    return products;
  }
  const match: ProductMatch = { cpe: opts.product };
  for (const b of bounds) match[b] = opts[b];
  return [...products, match];
}

export function audienceOf(opts: AudienceOptions): AdvisoryBody['audience'] {
  const audience: AdvisoryBody['audience'] = {};
  if (opts.all) audience.all = true;
  if (opts.sectors?.length) audience.sectors = opts.sectors;
  if (opts.orgs?.length) audience.organisations = opts.orgs;
  const products = productsOf(opts);
  if (products.length) audience.products = products;
  if (opts.dependsOn?.length) audience.dependsOn = opts.dependsOn;
  if (Object.keys(audience).length === 0)
    throw usageError('say who it is for: --all, --sectors <a,b>, --orgs <slug,slug>, --product <cpe> and/or --depends-on <providers> (or --incident <case>)');
  return audience;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as RFC 3339, or relative to now: `30m`, `4h`, `+2d`, `1w`. Returned as UTC without milliseconds. */
export function parseInstant(value: string, option: string, now: Date): string {
  const relative = /^\+?(\d+)([mhdw])$/.exec(value.trim());
  if (relative) return new Date(now.getTime() + Number(relative[1]) * UNITS[relative[2]]).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (RFC3339.test(value.trim()) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString().replace(/\.000Z$/, 'Z');
  throw usageError(`${option} "${value}" is neither an RFC 3339 time (2026-11-25T12:00:00Z) nor a span from now (30m, 4h, 2d, 1w)`);
}

/** `amber`, `tlp:amber+strict` → `TLP:AMBER`, `TLP:AMBER+STRICT`; the hub judges the label itself. */
export function normaliseTlp(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper.startsWith('TLP:') ? upper : `TLP:${upper}`;
}

export function advisoryBody(opts: AdvisoryOptions, body: string, stix?: object[]): AdvisoryBody {
  return {
    title: opts.title,
    body,
    severity: opts.severity,
    tlp: normaliseTlp(opts.tlp),
    audience: audienceOf(opts),
    ...(stix ? { stix } : {}),
  };
}

/** An alert is current for 7 days unless --expires says otherwise: the console's proposal, and the hub's default. */
export const ALERT_EXPIRES_DEFAULT = '7d';
/** An alert asks for acknowledgement within 4 hours unless --ack-deadline says otherwise: the console's proposal, and the hub's default. */
export const ALERT_ACK_DEADLINE_DEFAULT = '4h';

/**
 * Every required option `alert issue` lacks, named at once (rough edge 8: not one at a time, each
 * followed by the whole help).
 */
export function missingAlertOptions(opts: Partial<AlertOptions> & { body?: string; bodyFile?: string }): string[] {
  const missing: string[] = [];
  if (opts.title === undefined) missing.push('--title <text>');
  if (opts.body === undefined && opts.bodyFile === undefined) missing.push('--body <markdown> or --body-file <path>');
  if (opts.severity === undefined) missing.push('--severity <level>');
  if (opts.tlp === undefined) missing.push('--tlp <label>');
  const targeted = opts.product !== undefined || !!opts.products?.length || !!opts.dependsOn?.length;
  if (!opts.all && !opts.sectors?.length && !opts.orgs?.length && !targeted)
    missing.push('an audience: --all, --sectors <list>, --orgs <list>, --product <cpe> or --depends-on <list>');
  return missing;
}

export function alertBody(opts: AlertOptions, body: string, now: Date): AlertBody {
  const requiresAck = opts.ack !== false;
  const missing = missingAlertOptions({ ...opts, body });
  if (missing.length) throw usageError(`missing: ${missing.join('; ')}`);
  return {
    ...advisoryBody(opts, body),
    requiresAck,
    ...(requiresAck || opts.ackDeadline !== undefined
      ? { ackDeadline: parseInstant(opts.ackDeadline ?? ALERT_ACK_DEADLINE_DEFAULT, '--ack-deadline', now) }
      : {}),
    expiresAt: parseInstant(opts.expires ?? ALERT_EXPIRES_DEFAULT, '--expires', now),
  };
}
