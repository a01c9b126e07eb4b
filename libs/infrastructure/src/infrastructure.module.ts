import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@isac/organisations';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { InfrastructureStixService } from './infrastructure-stix.service.js';
import { InfrastructureService } from './infrastructure.service.js';

/** Registers' use cases for both apps (advisories resolve targeted audiences through it); needs Persistence and Audit (global). */
@Module({
  imports: [OrganisationsModule],
  providers: [InfrastructureEntryRepository, InfrastructureService, InfrastructureStixService],
  exports: [InfrastructureService, InfrastructureStixService],
})
export class InfrastructureModule {}
