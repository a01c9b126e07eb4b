export const ASSET_KINDS = ['service', 'system', 'software', 'network', 'cloud', 'ot', 'supplier'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
/** DESIGN §8: a register entry without a marking stays with the centre and the sector unit. */
export const DEFAULT_ENTRY_TLP = 'TLP:AMBER+STRICT';
export const EXTERNAL_PREFIX = 'external:';
