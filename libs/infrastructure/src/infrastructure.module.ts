import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { InfrastructureStixService } from './infrastructure-stix.service.js';
import { InfrastructureService } from './infrastructure.service.js';
import { RegisterStixStore } from './register-stix-store.service.js';

/**
 * Registers' use cases for both apps (advisories resolve targeted audiences through it); needs
 * Persistence and Audit (global); keeps the registers' STIX in the STIX store (TAXII serves it).
 */
@Module({
  imports: [OrganisationsModule, StixStoreModule],
  providers: [InfrastructureEntryRepository, InfrastructureService, InfrastructureStixService, RegisterStixStore],
  exports: [InfrastructureService, InfrastructureStixService],
})
export class InfrastructureModule {}
