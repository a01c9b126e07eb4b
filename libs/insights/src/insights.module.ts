import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { IncidentsModule } from '@isac/incidents';
import { OrganisationsModule } from '@isac/organisations';
import { InsightsController } from './insights.controller.js';
import { InsightsService } from './insights.service.js';

@Module({ imports: [AdvisoriesModule, IncidentsModule, OrganisationsModule], controllers: [InsightsController], providers: [InsightsService] })
export class InsightsHttpModule {}
