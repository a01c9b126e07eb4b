// @isac/stix-store — the versioned STIX object store: objects by (id, modified), reads through the TLP policy.
export * from './stix-object.entity.js';
export * from './stix-store.service.js';
export * from './stix-store.module.js';
export * from './stix-object-pages.repository.js';
export * from './stix-store-http.module.js';
export * from './stix-media-type.js';
export * from './dto/stix.schemas.js';
export { STORE_CODES, versionOf, isLaterVersion, type StoreProblem } from './versioning.js';
// the text format the store COPYs its rows in (benchmarks load rows the same way)
export { copyRow } from './copy-format.js';

import { StixObjectEntity } from './stix-object.entity.js';
export const STIX_STORE_ENTITIES = [StixObjectEntity];
