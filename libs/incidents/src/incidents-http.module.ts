import { Module } from '@nestjs/common';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsModule } from './incidents.module.js';

@Module({ imports: [IncidentsModule], controllers: [IncidentsController] })
export class IncidentsHttpModule {}
