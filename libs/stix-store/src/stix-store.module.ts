import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@isac/organisations';
import { StixObjectPagesRepository } from './stix-object-pages.repository.js';
import { StixObjectRepository } from './stix-object.repository.js';
import { StixStoreService } from './stix-store.service.js';

@Module({
  imports: [OrganisationsModule],
  providers: [StixObjectRepository, StixObjectPagesRepository, StixStoreService],
  exports: [StixStoreService, StixObjectPagesRepository],
})
export class StixStoreModule {}
