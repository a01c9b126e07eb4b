import { Global, Injectable, Module } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { CASE_ATTACHMENTS, type CaseAttachment, type CaseAttachments } from '@isac/incidents';
import { NetworkDirectory, OrganisationsModule } from '@isac/organisations';
import { MajorIncidentRepository } from './major-incident.repository.js';
import { readableRooms } from './readable-rooms.js';

/**
 * Answers @isac/incidents which major incidents a case is attached to (issue 19), as far as the
 * reader may read each room: the reporter of an attached case sees the attachment only within the
 * room's TLP, and a room it may not read is not even counted. Each room named is an audited read.
 */
@Injectable()
export class CaseAttachmentsService implements CaseAttachments {
  constructor(
    private readonly rooms: MajorIncidentRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
  ) {}

  async readableFor(principal: Principal, caseId: string): Promise<CaseAttachment[]> {
    const attached = await this.rooms.attachedTo(caseId);
    if (!attached.length) return [];
    const readable = await readableRooms(attached, principal, await this.directory.network(), this.audit);
    return readable.map((room) => ({
      id: room.id,
      title: room.title,
      tlp: room.tlp,
      state: room.closedAt ? 'stood-down' : 'open',
      exercise: room.exerciseId !== null,
    }));
  }
}

/** Global: the incidents context, which this one depends on, finds the answer without importing it. */
@Global()
@Module({
  imports: [OrganisationsModule],
  providers: [MajorIncidentRepository, { provide: CASE_ATTACHMENTS, useClass: CaseAttachmentsService }],
  exports: [CASE_ATTACHMENTS],
})
export class CaseAttachmentsModule {}
