import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsModule } from './meetings.module.js';
import { MinutesController } from './minutes.controller.js';

@Module({ imports: [MeetingsModule], controllers: [MeetingsController, MinutesController] })
export class MeetingsHttpModule {}
