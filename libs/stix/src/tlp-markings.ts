// Traffic Light Protocol markings. TLP 2.0 marking definitions are fixed objects published by the
// OASIS CTI TC (cti-stix-common-objects, extension-definition--60a3c5c5-…); TLP 1.0 ones are fixed
// by STIX 2.1 §7.2.1.4 ("the following standard marking definitions MUST be used").
// The hub reads both and writes TLP 2.0 (DESIGN §2); TLP 1.0 WHITE reads as TLP:CLEAR.

import { mostRestrictive as strictestOf, restrictionRank, TLP_LABELS, type TlpLabel } from '@isac/tlp';
import type { Identifier } from './types/common.types.js';
import type { MarkingDefinition } from './types/meta.types.js';
import { isPlainObject, own } from './problems.js';

export type MarkingDefinitionId = Identifier<'marking-definition'>;

// The labels and their order are the TLP policy's own (libs/tlp); STIX only maps them to markings.
export type { TlpLabel };

/** Least to most restrictive. */
export const TLP_ORDER: readonly TlpLabel[] = TLP_LABELS;

export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The value of `tlp_2_0` in the TLP 2.0 extension for each label. */
export type Tlp2Level = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export const TLP2_MARKING_IDS: Readonly<Record<TlpLabel, MarkingDefinitionId>> = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export type Tlp1Level = 'white' | 'green' | 'amber' | 'red';

export const TLP1_MARKING_IDS: Readonly<Record<Tlp1Level, MarkingDefinitionId>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

const TLP2_LEVELS: Readonly<Record<TlpLabel, Tlp2Level>> = {
  'TLP:CLEAR': 'clear',
  'TLP:GREEN': 'green',
  'TLP:AMBER': 'amber',
  'TLP:AMBER+STRICT': 'amber+strict',
  'TLP:RED': 'red',
};

const TLP1_LABELS: Readonly<Record<Tlp1Level, TlpLabel>> = {
  white: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  red: 'TLP:RED',
};

const LABEL_BY_ID = new Map<string, TlpLabel>([
  ...Object.entries(TLP2_MARKING_IDS).map(([label, id]) => [id, label as TlpLabel] as const),
  ...Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [id, TLP1_LABELS[level as Tlp1Level]] as const),
]);

export function isTlpLabel(value: unknown): value is TlpLabel {
  return typeof value === 'string' && (TLP_ORDER as readonly string[]).includes(value);
}

/** The TLP label a marking-definition id stands for (TLP 1.0 ids map to their 2.0 label). */
export function tlpOfMarkingRef(id: unknown): TlpLabel | undefined {
  return typeof id === 'string' ? LABEL_BY_ID.get(id) : undefined;
}

export function isTlpMarkingRef(id: unknown): boolean {
  return tlpOfMarkingRef(id) !== undefined;
}

export const tlpRank = restrictionRank;

/** The strictest of some labels, ignoring absent ones. */
export function mostRestrictive(labels: Iterable<TlpLabel | undefined>): TlpLabel | undefined {
  return strictestOf([...labels].filter((label): label is TlpLabel => label !== undefined));
}

/** The most restrictive TLP among an object's `object_marking_refs`; undefined when it has none. */
export function effectiveTlp(obj: unknown): TlpLabel | undefined {
  if (!isPlainObject(obj)) return undefined;
  const refs = own(obj, 'object_marking_refs');
  if (!Array.isArray(refs)) return undefined;
  return mostRestrictive(refs.map(tlpOfMarkingRef));
}

/** The TLP 2.0 marking-definition id for a label. */
export function markingRefFor(label: TlpLabel): MarkingDefinitionId {
  return TLP2_MARKING_IDS[label];
}

/**
 * A copy of the object marked with the TLP 2.0 id for `label`: other TLP refs (1.0 or 2.0) are
 * replaced, non-TLP marking refs are kept in their order. The input is not modified.
 */
export function withTlp<T extends object>(obj: T, label: TlpLabel): T & { object_marking_refs: string[] } {
  const existing = own(obj as Record<string, unknown>, 'object_marking_refs');
  const kept = Array.isArray(existing) ? existing.filter((ref): ref is string => typeof ref === 'string' && !isTlpMarkingRef(ref)) : [];
  return { ...obj, object_marking_refs: [...kept, markingRefFor(label)] };
}

/** The full, fixed TLP 2.0 marking-definition object for a label. */
export function tlpMarkingDefinition(label: TlpLabel): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[label],
    created: '2022-10-01T00:00:00.000Z',
    name: label,
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: TLP2_LEVELS[label] },
    },
  };
}

/** The fixed TLP 1.0 marking-definition object for a level (STIX 2.1 §7.2.1.4). */
export function tlp1MarkingDefinition(level: Tlp1Level): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[level],
    created: '2017-01-20T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    definition_type: 'tlp',
    definition: { tlp: level },
  };
}

export function tlp2Level(label: TlpLabel): Tlp2Level {
  return TLP2_LEVELS[label];
}

/** The label a TLP 2.0 `tlp_2_0` value stands for. */
export function labelOfTlp2Level(level: unknown): TlpLabel | undefined {
  const entry = Object.entries(TLP2_LEVELS).find(([, value]) => value === level);
  return entry ? (entry[0] as TlpLabel) : undefined;
}
