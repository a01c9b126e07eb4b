import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@isac/organisations';
import { StixObjectRepository } from './stix-object.repository.js';
import { StixStoreService } from './stix-store.service.js';

@Module({ imports: [OrganisationsModule], providers: [StixObjectRepository, StixStoreService], exports: [StixStoreService] })
export class StixStoreModule {}
