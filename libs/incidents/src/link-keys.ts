// What two cases must share to be linked (issue 17): an indicator pattern, an observable (its SCO id,
// deterministic from its value) or an attack pattern (its id, or its ATT&CK external id). Pure.
import { createHash } from 'node:crypto';
import { SCO_TYPES } from '@isac/stix';

export type LinkBasis = 'indicator-pattern' | 'observable' | 'attack-pattern' | 'manual';

/** Why two cases are linked: what they share (the same value is in both cases), or a coordinator's hand. */
export interface LinkReason {
  basis: LinkBasis;
  value: string;
}

export interface LinkKey {
  basis: LinkBasis;
  value: string;
  keyHash: string;
}

const SCO = new Set<string>(SCO_TYPES);
/** Marking definitions, identities and the like say nothing about the incident itself. */
const MAX_VALUE = 500;

const keyOf = (basis: LinkBasis, value: string): LinkKey => ({
  basis,
  value: value.slice(0, MAX_VALUE),
  keyHash: createHash('sha256').update(`${basis}\u0000${value}`).digest('hex'),
});

/** A pattern as written, with runs of white space made one, so that layout alone does not hide a match. */
export const normalisePattern = (pattern: string): string => pattern.trim().replace(/\s+/g, ' ');

/** The keys a case's objects can be linked by, each once. */
export function linkKeysOf(objects: readonly Record<string, unknown>[]): LinkKey[] {
  const keys = new Map<string, LinkKey>();
  const add = (key: LinkKey) => keys.set(key.keyHash, key);
  for (const o of objects) {
    const type = String(o.type);
    if (type === 'indicator' && typeof o.pattern === 'string' && o.pattern_type === 'stix') add(keyOf('indicator-pattern', normalisePattern(o.pattern)));
    else if (SCO.has(type) && typeof o.id === 'string') add(keyOf('observable', o.id));
    else if (type === 'attack-pattern') {
      if (typeof o.id === 'string') add(keyOf('attack-pattern', o.id));
      // ATT&CK techniques are named by their external id (T1486) whatever STIX id a copy carries
      for (const ref of Array.isArray(o.external_references) ? o.external_references : []) {
        const r = ref as Record<string, unknown>;
        if (typeof r.external_id === 'string' && typeof r.source_name === 'string' && r.source_name.startsWith('mitre-'))
          add(keyOf('attack-pattern', r.external_id));
      }
    }
  }
  return [...keys.values()];
}
