import type { Principal } from '@isac/auth';
import { ORG_ERRORS } from './errors.js';

export interface ParentCandidate {
  slug: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: string | null;
}

export type MembershipDecision = { allowed: true } | { allowed: false; code: string; reason: string };

/**
 * DESIGN §1: members hang under a sector unit. An admin of a sector unit adds members to its own
 * sector only; the centre's admin may add members to any sector.
 */
export function canAddMember(principal: Principal, parent: ParentCandidate): MembershipDecision {
  if (!principal.roles.includes('admin')) {
    return { allowed: false, code: ORG_ERRORS.roleRequired, reason: 'Adding an organisation needs a key with the role "admin".' };
  }
  if (parent.kind !== 'sector-unit') {
    return {
      allowed: false,
      code: ORG_ERRORS.invalid,
      reason: `Members belong to a sector unit; "${parent.slug}" is a ${parent.kind}.`,
    };
  }
  const caller = principal.organisation;
  if (caller.kind === 'centre') return { allowed: true };
  if (caller.kind === 'sector-unit' && caller.slug === parent.slug) return { allowed: true };
  return {
    allowed: false,
    code: ORG_ERRORS.outOfScope,
    reason: `An admin of ${caller.slug} may add members to its own sector only, not to ${parent.slug}.`,
  };
}
