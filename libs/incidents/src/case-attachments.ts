import type { Principal } from '@isac/auth';

/**
 * Issue 19: the major incidents a case is attached to. The crisis context answers (it depends on this
 * one, never the reverse) by providing CASE_ATTACHMENTS; without it, a case shows none.
 */
export const CASE_ATTACHMENTS = Symbol('CASE_ATTACHMENTS');

export interface CaseAttachment {
  id: string;
  title: string;
  tlp: string;
  state: 'open' | 'stood-down';
  exercise: boolean;
}

export interface CaseAttachments {
  /** the major incidents the case is attached to that the principal may read (each read audited); none of the others is told */
  readableFor(principal: Principal, caseId: string): Promise<CaseAttachment[]>;
}
