import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal.js';

export const PUBLIC_ROUTE = 'isac:public';
export const REQUIRED_ROLES = 'isac:roles';

/** The route needs no key (health, docs, the public TLP:CLEAR feed). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller's key must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller (set by the AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});
