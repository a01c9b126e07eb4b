// The labels other contexts need as values: SQL pre-filters take these sets as parameters so a query
// can narrow its candidates without deciding (canRead still judges every row), and a few rules name
// one label. Kept beside the policy so that changing it and its pre-filters is one change;
// label-sets.spec.ts holds each set to what canRead answers.
import type { TlpLabel } from './labels.js';

/** Readable by every organisation of the network, whoever the author named (FIRST TLP 2.0: CLEAR, and GREEN's community). */
export const NETWORK_WIDE_LABELS: readonly TlpLabel[] = Object.freeze(['TLP:CLEAR', 'TLP:GREEN'] as const);

/** Readable also by the members of a named recipient (FIRST TLP 2.0: AMBER reaches the recipient's clients). */
export const MEMBER_READABLE_LABELS: readonly TlpLabel[] = Object.freeze(['TLP:AMBER'] as const);

/** The one label readable without signing in: the public feed's, and the only one a shared calendar may show. */
export const PUBLIC_LABEL: TlpLabel = 'TLP:CLEAR';

/** DESIGN §2: marking definitions carry no marking of their own; the hub holds them once, readable by the whole network. */
export const MARKING_DEFINITION_LABEL: TlpLabel = 'TLP:GREEN';
