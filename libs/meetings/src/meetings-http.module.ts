import { Module } from '@nestjs/common';
import { AgendaVersionsController } from './agendas/agenda-versions.controller.js';
import { BriefingsController } from './briefings/briefings.controller.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsModule } from './meetings.module.js';
import { MinutesController } from './minutes/minutes.controller.js';

@Module({ imports: [MeetingsModule], controllers: [MeetingsController, AgendaVersionsController, MinutesController, BriefingsController] })
export class MeetingsHttpModule {}
