// @isac/taxii — TAXII 2.1 server (OASIS Standard, 10 June 2021) under /taxii2/.
export * from './taxii.module.js';
export { TaxiiController, API_ROOT_PATH } from './taxii.controller.js';
export { TaxiiIngestProcessor } from './taxii-ingest.processor.js';
export { TaxiiIngestService } from './taxii-ingest.service.js';
export { TaxiiWriteService } from './taxii-write.service.js';
export { TaxiiStatusRetentionRepository } from './taxii-status-retention.repository.js';
export { TAXII_QUEUE, type TaxiiJobs } from './queues.js';
export { taxiiBodyLimit } from './taxii-body-limit.js';
export { TAXII_ERROR_RENDERER } from './taxii-exception.filter.js';
export { collectionId } from './collections.js';
export { TAXII_MEDIA_TYPE, STIX_MEDIA_TYPE } from './media-type.js';

import { TaxiiStatusEntity } from './taxii-status.entity.js';
export const TAXII_ENTITIES = [TaxiiStatusEntity];
