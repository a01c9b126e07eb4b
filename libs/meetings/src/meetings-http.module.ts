import { Module } from '@nestjs/common';
import { AgendaVersionsController } from './agenda-versions.controller.js';
import { BriefingsController } from './briefings.controller.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsModule } from './meetings.module.js';
import { MinutesController } from './minutes.controller.js';

@Module({ imports: [MeetingsModule], controllers: [MeetingsController, AgendaVersionsController, MinutesController, BriefingsController] })
export class MeetingsHttpModule {}
