import { Module } from '@nestjs/common';
import { InfrastructureController } from './infrastructure.controller.js';
import { InfrastructureModule } from './infrastructure.module.js';

@Module({ imports: [InfrastructureModule], controllers: [InfrastructureController] })
export class InfrastructureHttpModule {}
