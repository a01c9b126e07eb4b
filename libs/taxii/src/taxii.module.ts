import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { CursorsModule } from '@isac/cursors';
import { IncidentReadModelModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { TaxiiCursors } from './taxii-cursors.service.js';
import { TaxiiCollectionsService } from './taxii-collections.service.js';
import { TaxiiIngestProcessor } from './taxii-ingest.processor.js';
import { TaxiiIngestService } from './taxii-ingest.service.js';
import { TaxiiObjectSource } from './taxii-object.source.js';
import { TaxiiReadService } from './taxii-read.service.js';
import { TaxiiStatusRepository } from './taxii-status.repository.js';
import { TaxiiWriteService } from './taxii-write.service.js';
import { TaxiiController } from './taxii.controller.js';

/** TAXII use cases shared by both apps; needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, StixStoreModule, IncidentReadModelModule, CursorsModule],
  providers: [TaxiiCursors, TaxiiCollectionsService, TaxiiObjectSource, TaxiiStatusRepository, TaxiiReadService, TaxiiWriteService],
  exports: [TaxiiCollectionsService, TaxiiStatusRepository, TaxiiReadService, TaxiiWriteService],
})
export class TaxiiModule {}

/** apps/api: the /taxii2 routes. */
@Module({ imports: [TaxiiModule], controllers: [TaxiiController] })
export class TaxiiHttpModule {}

/** apps/worker: the processing of POSTed envelopes (queue `taxii`). */
@Module({
  imports: [TaxiiModule, StixStoreModule, AdvisoriesModule, OrganisationsModule],
  providers: [TaxiiIngestService, TaxiiIngestProcessor],
  exports: [TaxiiIngestService, TaxiiIngestProcessor],
})
export class TaxiiWorkerModule {}
