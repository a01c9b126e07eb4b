import { Module } from '@nestjs/common';
import { CrisisModule } from './crisis.module.js';
import { MajorIncidentsController } from './major-incidents.controller.js';

@Module({ imports: [CrisisModule], controllers: [MajorIncidentsController] })
export class CrisisHttpModule {}
