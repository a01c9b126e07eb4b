import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@isac/problems';
import { roleRequiredMessage, rolesAllow } from './access-policy.js';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators.js';
import { readCredentials } from './credentials.js';
import { PRINCIPAL_RESOLVER, type Principal, type PrincipalResolver, type Role } from './principal.js';
import { AUTH_ERRORS } from './errors.js';

/**
 * Every route is authenticated unless marked @Public(); @Roles() narrows it to some roles (403
 * AUTH.ROLE_REQUIRED otherwise). A public route with @Roles() (TAXII: the public feed is read without
 * a key) serves callers without a key, and asks a caller that sent one for one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const credentials = readCredentials(request.headers?.authorization);
    // the body parser of the bundle routes resolves the key first (to choose its limit) and leaves
    // what it found on the request — a principal, or null for a bad key: it is not checked twice
    const resolve = async (key: string): Promise<Principal | null> => (request.principal !== undefined ? request.principal : this.resolver.resolve(key));
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (isPublic) {
      // a public route still knows its caller when a valid key is presented
      request.principal = credentials.kind === 'key' ? ((await resolve(credentials.key)) ?? undefined) : undefined;
      if (request.principal) requireRoles(roles, request.principal);
      return true;
    }
    if (credentials.kind === 'none') {
      throw new DomainError(AUTH_ERRORS.unauthenticated, 'An API key is required: send "Authorization: Bearer <key>".');
    }
    if (credentials.kind === 'malformed') throw new DomainError(AUTH_ERRORS.badCredentials, credentials.reason);
    const principal: Principal | null = await resolve(credentials.key);
    if (!principal) throw new DomainError(AUTH_ERRORS.badCredentials, 'The API key is unknown or has been revoked.');
    request.principal = principal;
    requireRoles(roles, principal);
    return true;
  }
}

function requireRoles(roles: Role[] | undefined, principal: Principal): void {
  if (!rolesAllow(roles, principal.roles)) throw new DomainError(AUTH_ERRORS.roleRequired, roleRequiredMessage(roles!, principal.roles));
}
