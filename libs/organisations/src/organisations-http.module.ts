import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsModule } from './organisations.module.js';

/** The REST face of the organisations context, for apps/api only. */
@Module({ imports: [OrganisationsModule], controllers: [OrganisationsController] })
export class OrganisationsHttpModule {}
