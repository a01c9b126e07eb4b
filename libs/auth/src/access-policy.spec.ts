import { caseReadScope, roleRequiredMessage, rolesAllow } from './access-policy.js';
import type { Principal, Role } from './principal.js';

const principal = (roles: Role[]): Pick<Principal, 'roles' | 'organisation'> => ({
  roles,
  organisation: { id: 'org-1', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: null },
});

describe('rolesAllow', () => {
  it('lets any key through a route that asks for no role', () => {
    expect(rolesAllow(undefined, [])).toBe(true);
    expect(rolesAllow([], ['reporter'])).toBe(true);
  });

  it('asks for one of the roles named, and a key with several roles has the union', () => {
    expect(rolesAllow(['analyst'], ['reporter'])).toBe(false);
    expect(rolesAllow(['analyst'], ['reporter', 'analyst'])).toBe(true);
    expect(rolesAllow(['analyst', 'reporter'], ['reporter'])).toBe(true);
    expect(rolesAllow(['coordinator'], ['reporter', 'admin', 'analyst'])).toBe(false);
    expect(rolesAllow(['admin'], [])).toBe(false);
  });

  it('says which roles would do and which the key has', () => {
    expect(roleRequiredMessage(['analyst', 'reporter'], ['admin'])).toBe('This needs a key with the role "analyst" or "reporter"; this key has admin.');
    expect(roleRequiredMessage(['admin'], [])).toContain('no role');
  });
});

describe('caseReadScope', () => {
  it('an analyst reads every case the TLP policy lets its organisation read', () => {
    expect(caseReadScope(principal(['analyst']))).toEqual({});
    expect(caseReadScope(principal(['reporter', 'analyst']))).toEqual({});
  });

  it('a reporter that is not an analyst reads its own organisation\'s cases only', () => {
    expect(caseReadScope(principal(['reporter']))).toEqual({ reporterOrgId: 'org-1' });
    expect(caseReadScope(principal(['reporter', 'coordinator']))).toEqual({ reporterOrgId: 'org-1' });
  });
});
