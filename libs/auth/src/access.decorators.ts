import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblemResponses } from '@isac/problems';
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

/**
 * For the OpenAPI document: the routes take the key as a bearer token or as the basic-auth password
 * (credentials.ts), and answer 401 without one. On every controller that is not @Public.
 */
export const ApiKeyAuth = () => applyDecorators(ApiBearerAuth(), ApiBasicAuth(), ApiProblemResponses(401));
