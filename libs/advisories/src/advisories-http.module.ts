import { Module } from '@nestjs/common';
import { AdvisoriesController } from './advisories.controller.js';
import { AdvisoriesModule } from './advisories.module.js';
import { InboxController } from './inbox.controller.js';

@Module({ imports: [AdvisoriesModule], controllers: [AdvisoriesController, InboxController] })
export class AdvisoriesHttpModule {}
