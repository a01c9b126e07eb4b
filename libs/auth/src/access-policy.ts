// Which of a key's roles allow what (DESIGN §1), as pure functions; the table of every route is in
// the README ("Roles and keys") and each route's @Roles() says its own line of it.
import type { Principal, Role } from './principal.js';

/**
 * Whether a key with `held` roles may use a route that asks for `required` (one of them is enough:
 * a key with several roles may do what each of them may). No roles asked: any valid key.
 */
export function rolesAllow(required: readonly Role[] | undefined, held: readonly Role[]): boolean {
  return !required || required.length === 0 || required.some((role) => held.includes(role));
}

/** The problem's text when they do not. */
export function roleRequiredMessage(required: readonly Role[], held: readonly Role[]): string {
  return `This needs a key with the role ${required.map((r) => `"${r}"`).join(' or ')}; this key has ${held.join(', ') || 'no role'}.`;
}

/**
 * The incident cases a key reads. `analyst` reads every case its organisation may read (the TLP
 * policy decides); a key that files incidents without being an analyst (`reporter`) reads its own
 * organisation's cases only: what it filed, their stages and deadlines.
 */
export function caseReadScope(principal: Pick<Principal, 'roles' | 'organisation'>): { reporterOrgId?: string } {
  return principal.roles.includes('analyst') ? {} : { reporterOrgId: principal.organisation.id };
}
