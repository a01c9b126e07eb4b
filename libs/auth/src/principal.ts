export const ROLES = ['reporter', 'analyst', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type OrganisationKind = 'centre' | 'sector-unit' | 'member';

/** Who is calling: one API key of one organisation, with that key's roles. */
export interface Principal {
  keyId: string;
  keyPrefix: string;
  roles: Role[];
  organisation: {
    id: string;
    slug: string;
    kind: OrganisationKind;
    sector: string | null;
    parentId: string | null;
  };
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Resolves a presented API key to its principal, or null when the key is unknown or revoked. */
export interface PrincipalResolver {
  resolve(key: string): Promise<Principal | null>;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');
