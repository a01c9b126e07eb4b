import { Global, Module } from '@nestjs/common';
import { PRINCIPAL_RESOLVER } from '@isac/auth';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { NetworkDirectory } from './network-directory.service.js';
import { NetworkSeeder } from './network-seeder.service.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationsService } from './organisations.service.js';

/** Organisations, their keys and the seed. Needs a DataSource from the PersistenceModule. */
@Global()
@Module({
  providers: [
    OrganisationRepository,
    ApiKeyRepository,
    OrganisationsService,
    ApiKeysService,
    NetworkSeeder,
    NetworkDirectory,
    { provide: PRINCIPAL_RESOLVER, useExisting: ApiKeysService },
  ],
  exports: [OrganisationsService, ApiKeysService, NetworkSeeder, NetworkDirectory, PRINCIPAL_RESOLVER],
})
export class OrganisationsModule {}
