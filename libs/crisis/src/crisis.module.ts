import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '@isac/advisories';
import { IncidentsModule } from '@isac/incidents';
import { MeetingsModule } from '@isac/meetings';
import { OrganisationsModule } from '@isac/organisations';
import { CaseAttachmentsModule } from './case-attachments.service.js';
import { MajorIncidentRepository } from './major-incident.repository.js';
import { MajorIncidentsService } from './major-incidents.service.js';
import { PostIncidentService } from './post-incident.service.js';
import { RoomNotices } from './room-notices.service.js';
import { SitrepRemindersService } from './sitrep-reminders.service.js';

/** Major incidents' use cases; needs Persistence, Messaging and Audit (global) from the app. */
@Module({
  imports: [OrganisationsModule, AdvisoriesModule, IncidentsModule, MeetingsModule, CaseAttachmentsModule],
  providers: [MajorIncidentRepository, MajorIncidentsService, PostIncidentService, SitrepRemindersService, RoomNotices],
  exports: [MajorIncidentsService, PostIncidentService, SitrepRemindersService],
})
export class CrisisModule {}
