// @isac/tlp — the one policy deciding who may read, forward and re-mark an item (DESIGN §2).
export { TLP_LABELS, mostRestrictive, parseTlpLabel, restrictionRank, type TlpLabel } from './labels.js';
export { MARKING_DEFINITION_LABEL, MEMBER_READABLE_LABELS, NETWORK_WIDE_LABELS, PUBLIC_LABEL } from './label-sets.js';
export type { Decision } from './decision.js';
export { TlpError, audienceAllowed, effectiveIncidentTlp, requireAdvisoryTlp, type Audience } from './markings.js';
export {
  canForward,
  canCopyAs,
  canRead,
  canRelax,
  describeDenial,
  type Network,
  type NetworkOrg,
  type ReadableItem,
  type Reader,
} from './policy.js';
export { canReadPart, partReadability, type PartOwner } from './granular.js';
export { markingRules, type MarkingRule } from './rules.js';
export {
  canReadComposed,
  composedMarking,
  screenSources,
  type ComposedDocument,
  type ComposedMarking,
  type ComposedMarkingOptions,
  type ReaderScreen,
  type SourceRead,
} from './composed.js';
export { sharedMarking, sharedReach } from './shared.js';
export { escapeHtml, TLP_BACKGROUND, TLP_FONT_COLOURS, tlpBadgeHtml } from './label-html.js';
