import { Injectable } from '@nestjs/common';
import type { TlpLabel } from '@isac/tlp';
import { MeetingRepository } from './meeting.repository.js';

/** An item another context puts on the next meeting's draft, marked like any other source. */
export interface HubProposal {
  /** who presents it: the centre for a major incident */
  authorOrgId: string;
  title: string;
  minutes: number;
  tlp: TlpLabel;
  /**
   * The organisations it is shared with: the source's own readers, never the meeting's
   * participants as such. The draft then keeps the item only when every participant may read it
   * (DESIGN §6), and shows it as excluded otherwise.
   */
  recipientOrgIds: string[];
}

/**
 * Items the hub drafts for the next network meeting (issue 19: a major incident stood down) as
 * proposals of the centre's next draft meeting: the drafting screens them as it screens every proposal.
 */
@Injectable()
export class HubProposals {
  constructor(private readonly meetings: MeetingRepository) {}

  /** The proposal on the coordinator's next draft meeting; null when none is scheduled. */
  async proposeForNextMeeting(coordinatorOrgId: string, proposal: HubProposal, now = new Date()): Promise<{ meetingId: string; proposalId: string } | null> {
    const meeting = await this.meetings.nextDraftOf(coordinatorOrgId, now);
    if (!meeting) return null;
    const saved = await this.meetings.insertProposal({ meetingId: meeting.id, ...proposal });
    return { meetingId: meeting.id, proposalId: saved.id };
  }
}
