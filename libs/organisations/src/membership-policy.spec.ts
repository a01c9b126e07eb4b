import type { Principal, Role } from '@isac/auth';
import { canAddMember, ParentCandidate } from './membership-policy.js';

function principal(slug: string, kind: Principal['organisation']['kind'], roles: Role[]): Principal {
  return {
    keyId: 'k',
    keyPrefix: 'isac_00000000',
    roles,
    organisation: { id: slug, slug, kind, sector: kind === 'centre' ? null : 'energy', parentId: null },
  };
}

const energy: ParentCandidate = { slug: 'energy', kind: 'sector-unit', sector: 'energy' };
const health: ParentCandidate = { slug: 'health', kind: 'sector-unit', sector: 'health' };

describe('canAddMember', () => {
  it.each([
    ['centre admin, any sector', principal('centre', 'centre', ['admin']), health, true, undefined],
    ['sector admin, own sector', principal('energy', 'sector-unit', ['admin']), energy, true, undefined],
    ['sector admin, other sector', principal('energy', 'sector-unit', ['admin']), health, false, 'ORG.OUT_OF_SCOPE'],
    ['member admin', principal('litware', 'member', ['admin']), energy, false, 'ORG.OUT_OF_SCOPE'],
    ['centre analyst', principal('centre', 'centre', ['analyst']), energy, false, 'AUTH.ROLE_REQUIRED'],
    ['under a member', principal('centre', 'centre', ['admin']), { slug: 'litware', kind: 'member', sector: 'energy' } as ParentCandidate, false, 'ORG.INVALID'],
    ['under the centre', principal('centre', 'centre', ['admin']), { slug: 'centre', kind: 'centre', sector: null } as ParentCandidate, false, 'ORG.INVALID'],
  ])('%s', (_, who, parent, allowed, code) => {
    const decision = canAddMember(who, parent);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.code).toBe(code);
  });
});
