// CPE 2.3 formatted strings and name matching (NISTIR 7695 naming, NISTIR 7696 matching), with
// the version ranges NVD configurations add to a match string. Pure: no I/O.

/** The eleven attributes of a well-formed name (WFN), in formatted-string order. */
export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const;
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];

/**
 * One attribute value: ANY (`*`), NA (`-`), or a string, lowercased, unescaped, with its unquoted
 * wildcards kept apart (NISTIR 7695 §5.3.2: only at the beginning or the end of the value).
 */
export type CpeValue =
  | { kind: 'any' }
  | { kind: 'na' }
  | { kind: 'string'; value: string; leading: Wildcard | null; trailing: Wildcard | null };
/** `*` (any run of characters) or a run of n `?` (NISTIR 7696 §6.1.2: up to n characters). */
export type Wildcard = { kind: '*' } | { kind: '?'; count: number };

export type CpeName = Record<CpeAttribute, CpeValue>;

export class CpeSyntaxError extends Error {
  /** the field of a match string at fault, when it is not the `cpe` itself */
  constructor(
    message: string,
    readonly field: 'cpe' | (typeof RANGE_KEYS)[number] = 'cpe',
  ) {
    super(message);
    this.name = 'CpeSyntaxError';
  }
}

// NISTIR 7695 §6.2.2: in a formatted string these stand for themselves; any other punctuation is quoted with "\"
const UNQUOTED = /^[a-z0-9._-]$/i;
const PARTS = ['a', 'o', 'h'];

/** Splits on colons not quoted by a backslash. */
function splitComponents(formatted: string): string[] {
  const components: string[] = [];
  let current = '';
  for (let i = 0; i < formatted.length; i++) {
    const c = formatted[i];
    if (c === '\\' && i + 1 < formatted.length) {
      current += c + formatted[++i];
    } else if (c === ':') {
      components.push(current);
      current = '';
    } else current += c;
  }
  components.push(current);
  return components;
}

function parseValue(raw: string, attribute: CpeAttribute): CpeValue {
  if (raw === '*') return { kind: 'any' };
  if (raw === '-') return { kind: 'na' };
  if (raw === '') throw new CpeSyntaxError(`${attribute} is empty; use * (any) or - (not applicable)`);
  let value = '';
  let leading: Wildcard | null = null;
  let trailing: Wildcard | null = null;
  let i = 0;
  // leading wildcard: one "*" or a run of "?"
  if (raw[0] === '*') {
    leading = { kind: '*' };
    i = 1;
  } else if (raw[0] === '?') {
    let n = 0;
    while (raw[i] === '?') (n++, i++);
    leading = { kind: '?', count: n };
  }
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      if (i + 1 >= raw.length) throw new CpeSyntaxError(`${attribute} ends with a lone backslash`);
      value += raw[++i];
    } else if (c === '*' || c === '?') {
      const rest = raw.slice(i);
      if (rest === '*') trailing = { kind: '*' };
      else if (/^\?+$/.test(rest)) trailing = { kind: '?', count: rest.length };
      else throw new CpeSyntaxError(`${attribute} "${raw}": an unquoted ${c} may only begin or end a value (quote it as \\${c})`);
      break;
    } else if (UNQUOTED.test(c)) value += c;
    else throw new CpeSyntaxError(`${attribute} "${raw}": "${c}" must be quoted as \\${c}`);
  }
  if (value === '' && (leading?.kind === '*' || trailing?.kind === '*') && leading?.kind !== '?' && trailing?.kind !== '?') {
    throw new CpeSyntaxError(`${attribute} "${raw}": a value of wildcards only is not allowed (use * alone for any)`);
  }
  return { kind: 'string', value: value.toLowerCase(), leading, trailing };
}

/** Parses a CPE 2.3 formatted string (`cpe:2.3:a:vendor:product:version:…`, eleven attributes). */
export function parseCpe(formatted: string): CpeName {
  if (typeof formatted !== 'string' || !formatted.startsWith('cpe:2.3:')) throw new CpeSyntaxError('a CPE 2.3 name starts with "cpe:2.3:"');
  const components = splitComponents(formatted.slice('cpe:2.3:'.length));
  if (components.length !== CPE_ATTRIBUTES.length) {
    throw new CpeSyntaxError(`a CPE 2.3 name has ${CPE_ATTRIBUTES.length} attributes after "cpe:2.3:", this one has ${components.length}`);
  }
  const name = {} as CpeName;
  CPE_ATTRIBUTES.forEach((attribute, i) => (name[attribute] = parseValue(components[i], attribute)));
  const part = name.part;
  if (part.kind === 'string' && (part.leading || part.trailing || !PARTS.includes(part.value))) {
    throw new CpeSyntaxError(`part must be a (application), o (operating system) or h (hardware), not "${components[0]}"`);
  }
  return name;
}

/** True when the value holds an unquoted wildcard: allowed in a match string, not in a name. */
export function hasWildcards(v: CpeValue): boolean {
  return v.kind === 'string' && (v.leading !== null || v.trailing !== null);
}

/**
 * A name in a register: a CPE that identifies one product version — part, vendor, product and
 * version given, no wildcards anywhere (NISTIR 7696 leaves target wildcards undefined).
 */
export function parseProductName(formatted: string): CpeName {
  const name = parseCpe(formatted);
  for (const attribute of CPE_ATTRIBUTES) {
    if (hasWildcards(name[attribute])) throw new CpeSyntaxError(`${attribute}: a product in a register names a value, without wildcards`);
  }
  for (const attribute of ['part', 'vendor', 'product', 'version'] as const) {
    if (name[attribute].kind !== 'string') throw new CpeSyntaxError(`${attribute}: a product in a register names its ${attribute} (not * or -)`);
  }
  return name;
}

export type Relation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wildcardPattern(w: Wildcard | null): string {
  if (w === null) return '';
  return w.kind === '*' ? '.*' : `.{0,${w.count}}`;
}

/** NISTIR 7696 Table 6-2: how a source (match string) attribute value relates to a target's. */
export function compareValues(source: CpeValue, target: CpeValue): Relation {
  if (hasWildcards(target)) return 'UNDEFINED';
  if (source.kind === 'any') return target.kind === 'any' ? 'EQUAL' : 'SUPERSET';
  if (source.kind === 'na') return target.kind === 'any' ? 'SUBSET' : target.kind === 'na' ? 'EQUAL' : 'DISJOINT';
  if (target.kind === 'any') return 'SUBSET';
  if (target.kind === 'na') return 'DISJOINT';
  if (hasWildcards(source)) {
    const pattern = new RegExp(`^${wildcardPattern(source.leading)}${escapeRegExp(source.value)}${wildcardPattern(source.trailing)}$`, 's');
    return pattern.test(target.value) ? 'SUPERSET' : 'DISJOINT';
  }
  return source.value === target.value ? 'EQUAL' : 'DISJOINT';
}

/** NISTIR 7696 §6.2: the source matches the target when each attribute is a superset of, or equal to, the target's. */
export function isSupersetOrEqual(source: CpeName, target: CpeName, except: readonly CpeAttribute[] = []): boolean {
  return CPE_ATTRIBUTES.every((a) => except.includes(a) || ['SUPERSET', 'EQUAL'].includes(compareValues(source[a], target[a])));
}

// ---- versions --------------------------------------------------------------------------------

type VersionPart = number | string;

/** Splits a version into runs of digits (numbers) and of letters; punctuation only separates. */
export function versionParts(version: string): VersionPart[] {
  return (version.toLowerCase().match(/\d+|[a-z]+/g) ?? []).map((p) => (/^\d/.test(p) ? Number(p) : p));
}

/**
 * Orders two versions segment by segment: numbers numerically (`22.7R2.3` < `22.7R2.10`), letters
 * alphabetically, a number after letters in the same place (`1.0.1` > `1.0.beta`). A missing
 * segment counts as 0 against a number (`1.0` = `1.0.0`) and sorts before letters (`1.0` < `1.0a`).
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? (typeof pb[i] === 'number' ? 0 : undefined);
    const y = pb[i] ?? (typeof pa[i] === 'number' ? 0 : undefined);
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

// ---- match strings with ranges ----------------------------------------------------------------

/** A match string as NVD configurations write one: a CPE with wildcards and optional version bounds. */
export interface CpeMatch {
  cpe: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

export const RANGE_KEYS = ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const;

export interface ParsedCpeMatch {
  name: CpeName;
  range: Pick<CpeMatch, (typeof RANGE_KEYS)[number]>;
}

/** Checks a match string: its CPE parses, at most one start and one end bound, and bounds only with version `*`. */
export function parseCpeMatch(match: CpeMatch): ParsedCpeMatch {
  const name = parseCpe(match.cpe);
  const range: ParsedCpeMatch['range'] = {};
  for (const key of RANGE_KEYS) {
    const bound = match[key];
    if (bound === undefined) continue;
    if (typeof bound !== 'string' || versionParts(bound).length === 0)
      throw new CpeSyntaxError(`${key} must be a version with at least one digit or letter`, key);
    range[key] = bound;
  }
  if (range.versionStartIncluding !== undefined && range.versionStartExcluding !== undefined)
    throw new CpeSyntaxError('give versionStartIncluding or versionStartExcluding, not both', 'versionStartExcluding');
  if (range.versionEndIncluding !== undefined && range.versionEndExcluding !== undefined)
    throw new CpeSyntaxError('give versionEndIncluding or versionEndExcluding, not both', 'versionEndExcluding');
  if (Object.keys(range).length > 0 && name.version.kind !== 'any')
    throw new CpeSyntaxError('a version range goes with version * in the cpe (as NVD writes it)');
  return { name, range };
}

function inRange(version: string, range: ParsedCpeMatch['range']): boolean {
  if (range.versionStartIncluding !== undefined && compareVersions(version, range.versionStartIncluding) < 0) return false;
  if (range.versionStartExcluding !== undefined && compareVersions(version, range.versionStartExcluding) <= 0) return false;
  if (range.versionEndIncluding !== undefined && compareVersions(version, range.versionEndIncluding) > 0) return false;
  if (range.versionEndExcluding !== undefined && compareVersions(version, range.versionEndExcluding) >= 0) return false;
  return true;
}

/** Does the match string (with its range) cover the product name? */
export function cpeMatches(match: ParsedCpeMatch, name: CpeName): boolean {
  if (!isSupersetOrEqual(match.name, name)) return false;
  if (Object.keys(match.range).length === 0) return true;
  // a range needs a version to compare: a name with * or - as version is not known to be inside it
  return name.version.kind === 'string' && inRange(name.version.value, match.range);
}
