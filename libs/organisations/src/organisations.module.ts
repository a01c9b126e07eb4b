import { Module } from '@nestjs/common';
import { PRINCIPAL_RESOLVER } from '@isac/auth';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { NetworkSeeder } from './network-seeder.service.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationsService } from './organisations.service.js';

/** Organisations, their keys and the seed. Needs a DataSource from the PersistenceModule. */
@Module({
  providers: [
    OrganisationRepository,
    ApiKeyRepository,
    OrganisationsService,
    ApiKeysService,
    NetworkSeeder,
    { provide: PRINCIPAL_RESOLVER, useExisting: ApiKeysService },
  ],
  exports: [OrganisationsService, ApiKeysService, NetworkSeeder, PRINCIPAL_RESOLVER],
})
export class OrganisationsModule {}
