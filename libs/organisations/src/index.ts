export * from './api-key.entity.js';
export * from './api-keys.service.js';
export * from './network-definition.js';
export * from './network-directory.service.js';
export * from './network-seeder.service.js';
export * from './organisation.entity.js';
export * from './organisations-http.module.js';
export * from './organisations.module.js';
export * from './organisations.service.js';
export * from './stix-identity.js';

import { ApiKeyEntity } from './api-key.entity.js';
import { OrganisationEntity } from './organisation.entity.js';
export const ORGANISATION_ENTITIES = [OrganisationEntity, ApiKeyEntity];
export * from './errors.js';
