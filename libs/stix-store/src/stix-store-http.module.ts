import { Module } from '@nestjs/common';
import { StixController } from './stix.controller.js';
import { StixStoreModule } from './stix-store.module.js';

@Module({ imports: [StixStoreModule], controllers: [StixController] })
export class StixStoreHttpModule {}
