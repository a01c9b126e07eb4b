// A JSON body nested deeper than anything the hub takes is refused at the edge: the parser copes
// with any depth, but what walks the parsed value recursively (class-transformer on every DTO, the
// STIX validator, the NUL check) would overflow the stack on 100,000 levels — a 500 for bad input.

/**
 * The deepest JSON body accepted: arrays and objects within each other, the body itself counting as
 * one. STIX bundles and TAXII envelopes need about 10 (bundle, objects, object, extensions,
 * extension, a property's list of dictionaries); custom properties get ample room above that.
 */
export const MAX_JSON_DEPTH = 64;

/** An error shaped like body-parser's own, so the HTTP adapter hands it to the problem filter (and TAXII's) as a 400. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;
  constructor(readonly maxDepth: number) {
    super(`The JSON body is nested more than ${maxDepth} levels deep (arrays and objects within each other); this API takes at most ${maxDepth}.`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The nesting depth of JSON text, found by one pass over its bytes without parsing it (brackets in
 * strings do not count); stops counting as soon as `limit` is passed. Malformed text gets a number
 * too: the parser reports what is wrong with it.
 */
export function jsonDepthExceeds(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** body-parser `verify`: refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed. */
export function refuseDeepJsonBody(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) throw new JsonTooDeepError(MAX_JSON_DEPTH);
}
