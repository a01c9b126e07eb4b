// TLP 2.0 labels as defined by FIRST (https://www.first.org/tlp/), plus the one TLP 1.0 label
// that differs in spelling (WHITE), which the hub accepts on input and never emits.

export type TlpLabel = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';

/** All labels in order of restriction, least restrictive (CLEAR) first. */
export const TLP_LABELS: readonly TlpLabel[] = Object.freeze([
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const);

// FIRST TLP 2.0 §"Usage": labels are written in capitals but tools must accept them in any case.
// TLP 1.0 "TLP:WHITE" was renamed "TLP:CLEAR" by TLP 2.0 with the same meaning.
const LABELS_BY_UPPER_CASE: ReadonlyMap<string, TlpLabel> = new Map<string, TlpLabel>([
  ...TLP_LABELS.map((label): [string, TlpLabel] => [label, label]),
  ['TLP:WHITE', 'TLP:CLEAR'],
]);

/**
 * Reads a label as written by a person or a tool. Only the exact FIRST spellings are accepted
 * (any letter case); `AMBER`, `TLP: AMBER` or `TLP:AMBER-STRICT` are not labels.
 */
export function parseTlpLabel(s: string): TlpLabel | undefined {
  return LABELS_BY_UPPER_CASE.get(s.toUpperCase());
}

/** 0 for CLEAR up to 4 for RED. */
export function restrictionRank(label: TlpLabel): number {
  return TLP_LABELS.indexOf(label);
}

/** The label of a compilation: FIRST TLP 2.0 asks a mix of sources to carry the strictest label. */
export function mostRestrictive(labels: TlpLabel[]): TlpLabel | undefined {
  let strictest: TlpLabel | undefined;
  for (const label of labels) {
    if (strictest === undefined || restrictionRank(label) > restrictionRank(strictest)) strictest = label;
  }
  return strictest;
}
