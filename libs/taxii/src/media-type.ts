// TAXII 2.1 §1.6.8 "Content Negotiation" and §1.6.8.1 "Media Types": TAXII resources are
// `application/taxii+json;version=2.1`; STIX objects travel inside envelopes of that type.
import { taxiiErrors } from './taxii-error.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
export const TAXII_VERSION = 'application/taxii+json;version=2.1';

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseRange(text: string): MediaRange {
  const [type, ...params] = text.split(';').map((p) => p.trim());
  const parsed: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0) parsed[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { type: (type ?? '').toLowerCase(), params: parsed };
}

/** A TAXII media type of a version this server speaks (no version means the latest, §1.6.8.2). */
function isTaxii21(range: MediaRange): boolean {
  return range.type === 'application/taxii+json' && (range.params.version === undefined || range.params.version === '2.1');
}

/** RFC 9110 §12.4.2: a weight of 0 (written 0, 0.0, 0.00 or 0.000) means "not acceptable". */
const refused = (range: MediaRange) => range.params.q !== undefined && /^0(\.0{0,3})?$/.test(range.params.q);

/**
 * §3.1: a server MAY answer 406 when it cannot produce a media type the client accepts.
 * `*\/*` and `application/*` admit taxii+json (RFC 9110 §12.5.1); a range with q=0 refuses it; no Accept
 * header at all accepts anything (RFC 9110).
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept
    .split(',')
    .map(parseRange)
    .some((range) => !refused(range) && (isTaxii21(range) || range.type === '*/*' || range.type === 'application/*'));
}

export function requireTaxiiAccept(accept: string | undefined): void {
  if (!acceptsTaxii(accept)) {
    throw taxiiErrors.notAcceptable(`This server answers ${TAXII_MEDIA_TYPE}; the Accept header "${accept}" does not admit it.`);
  }
}

/** §5.5: an envelope is POSTed as application/taxii+json (version 2.1); anything else is 415. */
export function requireTaxiiContentType(contentType: string | undefined): void {
  const value = (contentType ?? '').trim();
  if (value !== '' && isTaxii21(parseRange(value))) return;
  throw taxiiErrors.unsupportedMediaType(`An envelope must be sent as ${TAXII_MEDIA_TYPE}, not ${value === '' ? 'without a Content-Type' : value}.`);
}
